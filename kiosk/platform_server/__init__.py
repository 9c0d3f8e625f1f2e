"""The reference county platform: FastAPI + SQLAlchemy, implementing the contract in
`kiosk.platform.contract`.

It is the embedded default for demos (`platform.url = "embedded"`), the peer in tests, and a
model for integrators: `kiosk platform serve [--db URL]` runs it on SQLite or PostgreSQL.

    db            tables and the engine (SQLite WAL, or any SQLAlchemy URL)
    store         the Database wrapper handlers call, and small shared helpers
    auth          request signature, timestamp and nonce checks
    problems      the one error shape, and the handlers that produce it
    idempotency   stored answers for repeated Idempotency-Key requests
    routes_*      the endpoints, one file per part of the contract
    demo_data/    a county hall and a township centre a county would recognise
    fleet_page    the HTML fleet page for county IT
    app           create_app(): everything put together
    runner        serving it: in the foreground, or in a thread on a loopback port
"""
