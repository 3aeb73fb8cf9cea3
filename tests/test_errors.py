"""The error tree: shape, messages naming the place, transience declared once."""

from __future__ import annotations

import pytest

from costlib import errors as e


def test_everything_is_a_costlib_error() -> None:
    for name in e.__all__:
        obj = getattr(e, name)
        if isinstance(obj, type):
            assert issubclass(obj, e.CostlibError), name


def test_where_is_prefixed() -> None:
    exc = e.InputError("not JSON", where="plan.json:3")
    assert str(exc) == "plan.json:3: not JSON"
    assert exc.where == "plan.json:3"
    assert str(e.ConfigError("bad")) == "bad"


@pytest.mark.parametrize(
    ("exc", "transient"),
    [(e.TransientProviderError("429", retry_after=3), True), (e.TransientDeliveryError("503"), True),
     (e.ProviderError("400"), False), (e.AuthError("expired"), False), (e.DeliveryError("410"), False),
     (ValueError("x"), False)],
)
def test_transience(exc: BaseException, transient: bool) -> None:
    assert e.is_transient(exc) is transient


def test_subclassing() -> None:
    assert issubclass(e.AuthError, e.ProviderError)
    assert issubclass(e.TransientProviderError, e.ProviderError)
    assert issubclass(e.UnknownRegionError, e.InputError)
    assert issubclass(e.InvalidMoneyError, ValueError)
    assert issubclass(e.MissingExtraError, ImportError)


def test_require_extra_names_the_extra() -> None:
    with pytest.raises(e.MissingExtraError, match=r"costlib\[aws\]"):
        e.require_extra("definitely_not_a_module_xyz", "aws")
