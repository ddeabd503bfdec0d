from django.db import migrations

TYPOS = (
    ("按装", "安装"),
    ("既使", "即使"),
    ("部暑", "部署"),
    ("发展与改革委员会", "发展和改革委员会"),
    ("一如继往", "一如既往"),
    ("再接再励", "再接再厉"),
    ("迫不急待", "迫不及待"),
    ("出谋化策", "出谋划策"),
    ("针贬时弊", "针砭时弊"),
    ("默守成规", "墨守成规"),
    ("食不裹腹", "食不果腹"),
    ("蛛丝蚂迹", "蛛丝马迹"),
    ("侯选人", "候选人"),
    ("松驰", "松弛"),
    ("追朔", "追溯"),
    ("震憾", "震撼"),
    ("脉博", "脉搏"),
    ("宣泻", "宣泄"),
    ("重迭", "重叠"),
    ("幅射", "辐射"),
    ("贯切落实", "贯彻落实"),
    ("坚苦奋斗", "艰苦奋斗"),
    ("精减机构", "精简机构"),
    ("截止目前", "截至目前"),
    ("不径而走", "不胫而走"),
    ("名符其实", "名副其实"),
    ("按步就班", "按部就班"),
    ("世外桃园", "世外桃源"),
    ("人才倍出", "人才辈出"),
)


def load(apps, schema_editor):
    # A frozen copy of content_models.review.typos (migrations must not import app code).
    SensitiveWord = apps.get_model("review", "SensitiveWord")
    for word, replacement in TYPOS:
        SensitiveWord.objects.get_or_create(
            word=word,
            defaults={"level": "warn", "category": "typo", "replacement": replacement},
        )


def unload(apps, schema_editor):
    SensitiveWord = apps.get_model("review", "SensitiveWord")
    SensitiveWord.objects.filter(category="typo", word__in=[w for w, _r in TYPOS]).delete()


class Migration(migrations.Migration):
    dependencies = [("review", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
