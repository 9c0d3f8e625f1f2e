"""The county platform, as the kiosk sees it.

    contract/   the models the kiosk and the reference server share (the OpenAPI source)
    signing     the request signature both sides compute
    errors      PlatformUnavailable, PlatformRejected, PlatformProtocolError
    client      the HTTP client: one pooled session, timeouts, safe retries, validated answers
    outbox      the durable, encrypted queue of writes waiting for the platform
    sender      the thread that drains the outbox in order
    cache       the catalogue and queue figures kept for starting offline
    blocks      offline ticket numbers from the blocks the platform reserved for this kiosk
    service     what the screens call: online when possible, offline otherwise
    embedded    the reference server started in-process for `platform.url = "embedded"`

Nothing here imports FastAPI or SQLAlchemy except `embedded`, which starts
`kiosk.platform_server` on demand.
"""
