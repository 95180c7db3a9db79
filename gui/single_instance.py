"""One Overture per data folder: a second launch asks the running one to come forward, then quits."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
# Local sockets connect within microseconds; the wait only matters when the running instance is frozen, and then
# the second launch should not hang for long before giving up.
CONNECT_MSECS = 500
WRITE_MSECS = 500


def instance_key(data_folder: Path) -> str:
    """A short name for the local socket (Unix paths are limited to about 100 bytes), one per user and data folder."""
    # The home folder is in the hash because socket names share one temporary folder on a multi-user machine.
    identity = f"{Path.home()}\0{Path(data_folder).expanduser().absolute()}"
    return "overture-" + hashlib.sha256(identity.encode()).hexdigest()[:16]


class SingleInstance(QObject):
    """claim() once at start-up; the primary then emits activation_requested each time another launch knocks."""

    activation_requested = Signal()

    def __init__(self, data_folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._key = instance_key(data_folder)
        self._server: QLocalServer | None = None

    @property
    def key(self) -> str:
        return self._key

    @property
    def is_primary(self) -> bool:
        return self._server is not None and self._server.isListening()

    def claim(self) -> bool:
        """True: we are the first and now listen. False: another instance runs and has been asked to come forward."""
        if self._ask_running_instance():
            return False
        server = QLocalServer(self)
        # Only this user may knock. On Unix, Qt then creates the socket aside and renames it into place, which
        # also replaces a socket file left by a crash; the AddressInUse path below covers the other cases.
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._key):
            if server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
                # Another launch may have started listening since we asked: knock once more before deciding
                # the name is a stale one left by a crash, which removeServer clears.
                if self._ask_running_instance():
                    server.deleteLater()
                    return False
                QLocalServer.removeServer(self._key)
            if not server.listen(self._key):
                # Running twice on one folder is the lesser harm than refusing to start; SQLite's locking still
                # keeps the database whole. The key is a hash: nothing personal is logged.
                log.warning("Cannot listen as the single instance %s: %s", self._key, server.errorString())
                server.deleteLater()
                return True
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def release(self) -> None:
        """Stops listening (on quit, and in tests), which also removes the socket file."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _ask_running_instance(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self._key)
        if not socket.waitForConnected(CONNECT_MSECS):
            return False
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(WRITE_MSECS)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(WRITE_MSECS)
        return True

    @Slot()
    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            # A slot reading sender(), not a lambda holding the socket: with the lambda, PySide6 6.12 warned
            # "shared QObject was deleted directly" and crashed once the server and its sockets went away.
            socket.readyRead.connect(self._on_socket_ready_read)
            socket.disconnected.connect(socket.deleteLater)
            # The knock may have arrived with the connection, before readyRead could be connected.
            self._read_request(socket)

    @Slot()
    def _on_socket_ready_read(self) -> None:
        socket = self.sender()
        assert isinstance(socket, QLocalSocket)
        self._read_request(socket)

    def _read_request(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        request = bytes(socket.readLine().data())
        if request == ACTIVATE:
            self.activation_requested.emit()
        socket.disconnectFromServer()
