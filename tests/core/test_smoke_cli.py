from omi_desktop import __version__


def test_version(omi):
    result = omi("--version")
    assert result.code == 0
    assert __version__ in result.out


def test_usage_error_exits_2(omi):
    result = omi("backup", "frobnicate")
    assert result.code == 2
    assert "invalid choice" in result.err
