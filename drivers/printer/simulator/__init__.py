"""A receipt printer simulator: a real program that speaks ESC/POS on a TCP port or a pty.

    interpreter.py   the ESC/POS commands the kiosk sends, byte by byte, onto paper
    paper.py         the paper: lines of character cells and pictures, cut into PNG receipts
    machine.py       the printer: its sensors (paper, cover), real-time status answers,
                     a receive buffer that waits while the printer cannot print
    server.py        the TCP port or pty the driver talks to, and the control channel
    control.py       the control channel's client, for tests, demos and `kiosk sim printer-state`

Started by `kiosk sim printer` (see `kiosk.cli.sim`); the kiosk starts one for `sim://`.
"""
