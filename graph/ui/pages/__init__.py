"""One module per page of the app, each with a ``render()`` function (see ``app.py``)."""

__all__: list[str] = []
