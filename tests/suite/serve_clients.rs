//! `serve` under clients that hold connections without finishing them: slow or idle heads, heads
//! sent a byte at a time, live-reload long-polls from too many tabs. One client address gets at
//! most its share, and pages keep being answered to everyone else.

use crate::serve::{Running, site_and_preview};
use protokoll::serve::clients::{HEAD_DEADLINE, PER_CLIENT, POLLS_PER_CLIENT};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Whether the server has closed the connection (read gives end of file or an error).
fn closed_by_server(mut s: &TcpStream) -> bool {
    s.set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    match s.read(&mut [0u8; 64]) {
        Ok(0) => true,
        // An answer: the server closes after it.
        Ok(_) => closed_by_server(s),
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

/// The status of the first answer on `s`, within `limit`.
fn status_within(s: &mut TcpStream, limit: Duration) -> Option<u16> {
    s.set_read_timeout(Some(limit)).unwrap();
    let mut head = [0u8; 12];
    s.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

#[test]
fn one_client_holds_at_most_its_share_of_slow_connections_and_pages_are_still_answered() {
    let (_t, root, preview) = site_and_preview();
    let server = Running::start(&root, &preview);
    let slow: Vec<TcpStream> = (0..300)
        .map(|_| {
            let mut s = TcpStream::connect(server.addr).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: local").unwrap();
            s
        })
        .collect();
    for _ in 0..5 {
        let started = Instant::now();
        assert_eq!(server.get("/").0, 200);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }
    let open = slow.iter().filter(|s| !closed_by_server(s)).count();
    assert!(open <= PER_CLIENT, "{open} slow connections still open");
    // The newest are the ones kept: the oldest made room.
    assert!(closed_by_server(&slow[0]));
}

#[test]
fn a_head_sent_a_byte_at_a_time_is_answered_408_at_the_deadline() {
    let (_t, root, preview) = site_and_preview();
    let server = Running::start(&root, &preview);
    let mut s = TcpStream::connect(server.addr).unwrap();
    let mut writer = s.try_clone().unwrap();
    let started = Instant::now();
    // A byte every 500 ms: each read waits far less than the deadline, the head never ends.
    let trickle = std::thread::spawn(move || {
        for b in b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
            .iter()
            .cycle()
        {
            if writer.write_all(&[*b]).is_err() || started.elapsed() > HEAD_DEADLINE * 2 {
                break;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    });
    let status = status_within(&mut s, HEAD_DEADLINE + Duration::from_secs(10));
    let took = started.elapsed();
    drop(s);
    trickle.join().unwrap();
    assert_eq!(status, Some(408));
    assert!(took >= HEAD_DEADLINE - Duration::from_secs(1), "{took:?}");
    assert!(took < HEAD_DEADLINE + Duration::from_secs(5), "{took:?}");
}

#[test]
fn live_reload_waits_beyond_a_clients_share_are_refused_at_once() {
    let (_t, root, preview) = site_and_preview();
    let server = Running::start(&root, &preview);
    let poll = || {
        let mut s = TcpStream::connect(server.addr).unwrap();
        let host = format!("127.0.0.1:{}", server.addr.port());
        // A build far in the future: the server waits its whole long poll.
        write!(
            s,
            "GET /__protokoll/reload?since=999999 HTTP/1.1\r\nHost: {host}\r\n\r\n"
        )
        .unwrap();
        s
    };
    let waiting: Vec<TcpStream> = (0..POLLS_PER_CLIENT).map(|_| poll()).collect();
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    let mut extra = poll();
    assert_eq!(status_within(&mut extra, Duration::from_secs(5)), Some(503));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(server.get("/").0, 200, "pages are still answered");
    assert!(
        waiting.iter().all(|s| !closed_by_server(s)),
        "the waits already open go on"
    );
}
