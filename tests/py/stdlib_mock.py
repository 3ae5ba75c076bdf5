# unittest.mock from CPython's Lib on weft: Mock calls and assertions, patch, MagicMock.
from unittest import mock
m = mock.Mock(return_value=3)
print(m(1, 2), m.call_args, m.call_count)
with mock.patch("os.getcwd", return_value="/patched"):
    import os; print(os.getcwd())
mm = mock.MagicMock(); mm.__len__.return_value = 7; print(len(mm))
m.assert_called_once_with(1, 2)
calls = mock.Mock()
calls.alpha(1); calls.beta(x=2)
print(calls.mock_calls)
try:
    calls.alpha.assert_called_with(5)
except AssertionError:
    print("mismatch noticed")
side = mock.Mock(side_effect=[1, ValueError("boom")])
print(side())
try:
    side()
except ValueError as e:
    print("raised", e)
class Thing:
    def method(self):
        return "real"
with mock.patch.object(Thing, "method", return_value="fake"):
    print(Thing().method())
print(Thing().method())
spec = mock.create_autospec(Thing)
print(isinstance(spec, Thing) or hasattr(spec, "method"))
print(mock.sentinel.token is mock.sentinel.token, mock.ANY == 42)
