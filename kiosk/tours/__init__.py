"""The tour's walks through the citizen services, one module per group of flows; `kiosk.tour`
runs them on the real app (see its docstring)."""
