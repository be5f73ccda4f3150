"""A tiny SMTP server for tests (aiosmtpd is not installed): answers each command from a script,
so a test can make it refuse (4xx/5xx) and recover, and records every message it accepted."""

import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        server = self.server
        self._reply("220 laurel-test ESMTP")
        data_lines, in_data = [], False
        while True:
            line = self.rfile.readline()
            if not line:
                return
            text = line.decode("utf-8", "replace").rstrip("\r\n")
            if in_data:
                if text == "." and server.hold.is_set():
                    # Holding the reply: the client waits mid-send (a worker to kill). The
                    # message is never acknowledged, so it does not count as delivered.
                    server.held += 1
                    server.released.wait(120)
                    return
                if text == ".":
                    in_data = False
                    server.messages.append("\n".join(data_lines))
                    self._reply("250 queued")
                    data_lines = []
                else:
                    data_lines.append(text[1:] if text.startswith("..") else text)
                continue
            verb = text.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self._reply("250 laurel-test")
            elif verb == "MAIL":
                refusal = server.refuse_with
                self._reply(refusal or "250 ok")
            elif verb == "RCPT":
                self._reply("250 ok")
            elif verb == "DATA":
                self._reply("354 go ahead")
                in_data = True
            elif verb == "RSET":
                self._reply("250 ok")
            elif verb == "QUIT":
                self._reply("221 bye")
                return
            else:
                self._reply("250 ok")

    def _reply(self, text: str) -> None:
        self.wfile.write((text + "\r\n").encode())
        self.wfile.flush()


class SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int = 0):
        super().__init__(("127.0.0.1", port), _Handler)
        self.messages: list[str] = []
        # e.g. "451 try again later" or "550 no such user": the answer to MAIL FROM.
        self.refuse_with = ""
        # While set, a message's final "." gets no answer until `released` is set.
        self.hold = threading.Event()
        self.released = threading.Event()
        self.held = 0
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.released.set()
        self.shutdown()
        self.server_close()
