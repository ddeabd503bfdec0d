import factory

from .models import MaintenanceLogEntry, Operation, Outcome


class MaintenanceLogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaintenanceLogEntry

    operation = Operation.BACKUP
    outcome = Outcome.SUCCEEDED
    actor = "admin"
    archive = factory.Sequence(lambda n: f"sitecluster-20260101-0{n:05d}.tar.gz")
    size = 1024
