"""Create 公开资料, the collection whose documents and images are public on their own (home/files.py)."""

from django.db import migrations

NAME = "公开资料"
STEPLEN = 4  # treebeard's materialised path: four base-36 digits per level
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(number):
    digits = ""
    for _ in range(STEPLEN):
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits


def _number(path):
    return int(path[-STEPLEN:], len(ALPHABET))


def create_public_collection(apps, schema_editor):
    """Add the collection under the root in its place by name, as treebeard does (Collection.node_order_by)."""
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None or Collection.objects.filter(depth=2, name=NAME).exists():
        return
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    after = list(children.filter(name__gt=NAME).order_by("-path").values_list("path", flat=True))
    if after:
        # Move the siblings that sort after it (and what is under them) one step right, the last first.
        for old in after:
            new = root.path + _step(_number(old) + 1)
            for node in Collection.objects.filter(path__startswith=old).order_by("-depth"):
                node.path = new + node.path[len(old) :]
                node.save(update_fields=["path"])
        path = after[-1]
    else:
        last = children.order_by("-path").values_list("path", flat=True).first()
        path = root.path + _step(_number(last) + 1 if last else 1)
    Collection.objects.create(name=NAME, depth=2, path=path, numchild=0)
    Collection.objects.filter(pk=root.pk).update(numchild=children.count())


def remove_public_collection(apps, schema_editor):
    """Leave the collection when files are in it; they would otherwise be deleted with it."""
    Collection = apps.get_model("wagtailcore", "Collection")
    Image = apps.get_model("wagtailimages", "Image")
    Document = apps.get_model("wagtaildocs", "Document")
    collection = Collection.objects.filter(depth=2, name=NAME, numchild=0).first()
    if collection is None:
        return
    if Image.objects.filter(collection=collection).exists() or Document.objects.filter(collection=collection).exists():
        return
    root_path = collection.path[:STEPLEN]
    collection.delete()
    Collection.objects.filter(depth=1, path=root_path).update(
        numchild=Collection.objects.filter(depth=2, path__startswith=root_path).count()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_date_published"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_public_collection, remove_public_collection)]
