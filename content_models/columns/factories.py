import wagtail_factories

from .models import ColumnPage, ColumnType


class ColumnPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ColumnPage

    title = "工作动态"
    column_type = ColumnType.DYNAMIC
    show_in_menus = True
