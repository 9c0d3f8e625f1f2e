"""The resident ID card reader: GA 467 SAM readers on a serial port or a TCP serial server.

    frame.py, protocol.py   the frame codec, the commands and the SAM's status codes in words
    text.py, card.py        the card's text per card type, and the typed `IdentityCard`
    gb11643.py, codes.py    ID number checks; sex, nation and province codes
    link.py, sam.py         the wire (pyserial, TCP) and one command, one reply, with retries
    reader.py, events.py    the reader polling on its own thread, and what it reports
    deck.py, simulator.py   the simulator's test cards and its protocol engine
    sim.py, sim_ports.py    the simulator as a program on a pty or TCP socket
    simctl.py               starting the simulator and steering it while it runs

Nothing is imported here, so the simulator program starts without the serial library.
"""
