"""The kernel's cost of writing many small files, without protokoll: writes N files of 5,000 bytes
(100 to a folder) under DIR with one open, write and close each, and prints the wall, user and
system time. It separates what the machine charges for files on tmpfs from what the build does:
on this project's machine 100,000 files cost 0.5-0.7 s of system time and 1,000,000 files 12-15 s,
18 to 30 times as much.

    python3 scripts/tmpfs_writes.py N DIR        DIR: an empty folder, on /dev/shm for tmpfs"""

import os
import sys
import time


def main():
    n, root = int(sys.argv[1]), sys.argv[2]
    data = os.urandom(5000)
    start, cpu = time.perf_counter(), os.times()
    for d in range(n // 100):
        folder = os.path.join(root, str(d))
        os.mkdir(folder)
        for f in range(100):
            fd = os.open(os.path.join(folder, f"{f}.html"), os.O_WRONLY | os.O_CREAT, 0o644)
            os.write(fd, data)
            os.close(fd)
    end = os.times()
    print(
        f"{n // 100 * 100} files: {time.perf_counter() - start:.2f} s wall, "
        f"{end.user - cpu.user:.2f} s user, {end.system - cpu.system:.2f} s system"
    )


if __name__ == "__main__":
    main()
