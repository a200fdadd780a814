"""Local look-alikes of QuickBooks Online, Companies House and HMRC (see DESIGN.md, "Sandboxes").

Each sandbox is a Starlette app built with `sandboxes.common.build_app`; `sandboxes.registry`
names them, `python -m sandboxes` serves them and `sandboxes.testing` starts them for tests.
"""
