"""How the test servers (server.py, proxy.py, price_server.py) start and stop: the port they
bound is written atomically to a port file (or printed), and they exit as soon as the test
process that started them is gone."""

import os
import threading
import time


def watch_parent(parent_pid):
    """Exits the process when its parent changes or `parent_pid` no longer exists."""
    original_parent = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != original_parent:
            os._exit(0)
        try:
            os.kill(parent_pid, 0)
        except OSError:
            os._exit(0)


def write_port_file(path, port):
    """Writes `port` to `path` through a rename, so readers never see a partial file."""
    temporary = path + ".tmp"
    with open(temporary, "w") as handle:
        handle.write(f"{port}\n")
    os.replace(temporary, path)


def serve(server, port_file, parent_pid):
    """Watches the parent, announces the bound port, then serves until interrupted."""
    threading.Thread(target=watch_parent, args=(parent_pid,), daemon=True).start()
    port = server.server_address[1]
    if port_file:
        write_port_file(port_file, port)
    else:
        print(port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
