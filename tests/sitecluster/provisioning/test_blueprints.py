import pytest

from sitecluster.provisioning.blueprints import BlueprintError, load_blueprint


@pytest.mark.parametrize("name", ["portal", "department", "street"])
def test_builtin_blueprints_have_the_standard_columns(name):
    blueprint = load_blueprint(name)
    paths = {"/".join((*parents, spec.slug)) for spec, parents in blueprint.walk()}
    for path in (
        "jggk/jgzn", "jggk/ldxx", "gzdt", "tzgg", "zcwj", "zcjd", "zfxxgk/xxgkzn",
        "zfxxgk/xxgkzd", "zfxxgk/fdzdgknr", "zfxxgk/xxgknb", "bsfw", "hdjl/ldyx", "hdjl/yjzj",
    ):  # fmt: skip
        assert path in paths, path
    assert ("bm" in paths) == (name == "portal")


def test_bad_blueprints_are_explained(tmp_path):
    (tmp_path / "broken.toml").write_text('[[columns]]\ntitle = "无代码"\n', "utf-8")
    with pytest.raises(BlueprintError, match="missing 'slug'"):
        load_blueprint("broken", tmp_path)
    (tmp_path / "syntax.toml").write_text("[[columns]\n", "utf-8")
    with pytest.raises(BlueprintError, match="syntax.toml"):
        load_blueprint("syntax", tmp_path)
    with pytest.raises(BlueprintError, match="No blueprint named"):
        load_blueprint("absent", tmp_path)
