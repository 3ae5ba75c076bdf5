"""Context variables (PEP 567); the implementation is `_contextvars`."""
from _contextvars import Context, ContextVar, Token, copy_context

__all__ = ("Context", "ContextVar", "Token", "copy_context")
