//! Who may hold `serve`'s connections, so no client can starve the others: each client address
//! holds at most [`PER_CLIENT`] connections and [`POLLS_PER_CLIENT`] live-reload long-polls, all
//! clients together [`MAX_CONNECTIONS`]; a request head must arrive whole within [`HEAD_DEADLINE`].
//! A newcomer over a bound takes the place of the oldest connection still sending its head (a
//! slow or idle client), so pages keep being answered while hundreds of such connections are
//! open; only when every place is doing work is it refused.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Read};
use std::net::{IpAddr, Shutdown, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Connections open at once, from all clients.
pub const MAX_CONNECTIONS: usize = 512;

/// Connections one client address may hold (a browser opens about six per site, plus one
/// long-poll per open tab).
pub const PER_CLIENT: usize = 64;

/// Live-reload long-polls one client address may hold (one per open tab): fewer than
/// [`PER_CLIENT`], so its pages are still answered.
pub const POLLS_PER_CLIENT: usize = 32;

/// How long a client has to send a whole request head, however it trickles in.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// The connections open now.
#[derive(Clone, Default)]
pub struct Clients {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Default)]
struct Inner {
    next: u64,
    /// By age: the lowest id is the oldest.
    open: BTreeMap<u64, Open>,
    per_client: HashMap<IpAddr, Counts>,
}

struct Open {
    client: IpAddr,
    /// The socket, while its request head is still coming (so it can be closed to make room).
    sending: Option<TcpStream>,
    polling: bool,
}

#[derive(Default)]
struct Counts {
    connections: usize,
    polls: usize,
}

/// An admitted connection; dropping it gives its place back.
pub struct Ticket {
    clients: Clients,
    id: u64,
}

impl Clients {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Admits a new connection from `client`, closing the oldest connection still sending its
    /// head when a bound is reached; `None` (refuse it) when no such connection is left.
    pub fn admit(&self, stream: &TcpStream, client: IpAddr) -> Option<Ticket> {
        let mut inner = self.lock();
        let mine = inner.per_client.get(&client).map_or(0, |c| c.connections);
        if mine >= PER_CLIENT && !inner.evict_oldest(Some(client)) {
            return None;
        }
        if inner.open.len() >= MAX_CONNECTIONS && !inner.evict_oldest(None) {
            return None;
        }
        let id = inner.next;
        inner.next += 1;
        inner.open.insert(
            id,
            Open {
                client,
                sending: stream.try_clone().ok(),
                polling: false,
            },
        );
        inner.per_client.entry(client).or_default().connections += 1;
        Some(Ticket {
            clients: self.clone(),
            id,
        })
    }

    /// Connections open now, from all clients.
    pub fn open(&self) -> usize {
        self.lock().open.len()
    }
}

impl Inner {
    /// Closes the oldest connection (of `client`, or of anyone) still sending its head, and gives
    /// its place back now; its thread finds the socket closed and ends.
    fn evict_oldest(&mut self, client: Option<IpAddr>) -> bool {
        let oldest = self
            .open
            .iter()
            .find(|(_, o)| o.sending.is_some() && client.is_none_or(|c| c == o.client));
        let Some(id) = oldest.map(|(id, _)| *id) else {
            return false;
        };
        if let Some(o) = self.forget(id)
            && let Some(s) = o.sending
        {
            let _ = s.shutdown(Shutdown::Both);
        }
        true
    }

    fn forget(&mut self, id: u64) -> Option<Open> {
        let o = self.open.remove(&id)?;
        if let Some(c) = self.per_client.get_mut(&o.client) {
            c.connections -= 1;
            c.polls -= usize::from(o.polling);
            if c.connections == 0 {
                self.per_client.remove(&o.client);
            }
        }
        Some(o)
    }
}

impl Ticket {
    /// The request head has arrived: the connection is doing work and no longer gives way.
    pub fn head_read(&self) {
        if let Some(o) = self.clients.lock().open.get_mut(&self.id) {
            o.sending = None;
        }
    }

    /// Takes one of the client's long-poll places; `false` when it holds them all.
    pub fn start_poll(&self) -> bool {
        let mut inner = self.clients.lock();
        let Some(client) = inner.open.get(&self.id).map(|o| o.client) else {
            return false;
        };
        let counts = inner.per_client.entry(client).or_default();
        if counts.polls >= POLLS_PER_CLIENT {
            return false;
        }
        counts.polls += 1;
        if let Some(o) = inner.open.get_mut(&self.id) {
            o.polling = true;
        }
        true
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.clients.lock().forget(self.id);
    }
}

/// Reads a socket against a deadline: each read waits at most for the time left, so a head sent
/// a byte at a time cannot hold its connection for longer than the deadline.
pub struct Deadline<'a> {
    /// The socket.
    pub stream: &'a TcpStream,
    /// When reading gives up.
    pub until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        (&mut &*self.stream).read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, TcpListener};

    /// `n` connections to a local listener, as the server sees them.
    fn sockets(n: usize) -> (Vec<TcpStream>, Vec<TcpStream>) {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let addr = listener.local_addr().unwrap();
        let clients: Vec<_> = (0..n).map(|_| TcpStream::connect(addr).unwrap()).collect();
        let served = (0..n).map(|_| listener.accept().unwrap().0).collect();
        (clients, served)
    }

    fn closed(client: &mut TcpStream) -> bool {
        client
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        matches!(client.read(&mut [0u8; 1]), Ok(0))
    }

    const HOME: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
    const OTHER: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

    #[test]
    fn a_newcomer_takes_the_place_of_the_oldest_connection_still_sending_its_head() {
        let clients = Clients::default();
        let (mut ends, served) = sockets(PER_CLIENT + 2);
        let mut tickets: Vec<_> = served[..PER_CLIENT]
            .iter()
            .map(|s| clients.admit(s, HOME).unwrap())
            .collect();
        tickets[0].head_read(); // the oldest is working: it stays
        tickets.push(clients.admit(&served[PER_CLIENT], HOME).unwrap());
        assert_eq!(clients.open(), PER_CLIENT);
        assert!(
            !closed(&mut ends[0]),
            "a connection doing work is never closed"
        );
        assert!(closed(&mut ends[1]), "the oldest slow one made room");
        // Another address has its own share.
        let other = clients.admit(&served[PER_CLIENT + 1], OTHER).unwrap();
        assert_eq!(clients.open(), PER_CLIENT + 1);
        drop(other);
        drop(tickets);
        assert_eq!(clients.open(), 0, "every place is given back once");
    }

    #[test]
    fn a_client_whose_connections_are_all_working_is_refused() {
        let clients = Clients::default();
        let (_ends, served) = sockets(PER_CLIENT + 1);
        let tickets: Vec<_> = served[..PER_CLIENT]
            .iter()
            .map(|s| clients.admit(s, HOME).unwrap())
            .collect();
        tickets.iter().for_each(Ticket::head_read);
        assert!(clients.admit(&served[PER_CLIENT], HOME).is_none());
        drop(tickets.into_iter().next());
        assert!(clients.admit(&served[PER_CLIENT], HOME).is_some());
    }

    #[test]
    fn long_polls_are_bounded_per_client() {
        let clients = Clients::default();
        let (_ends, served) = sockets(POLLS_PER_CLIENT + 2);
        let tickets: Vec<_> = served
            .iter()
            .map(|s| clients.admit(s, HOME).unwrap())
            .collect();
        let polls = tickets.iter().filter(|t| t.start_poll()).count();
        assert_eq!(polls, POLLS_PER_CLIENT);
        let extra = clients.admit(&served[0], OTHER).unwrap();
        assert!(extra.start_poll(), "another address has its own share");
        drop(tickets);
        let again = clients.admit(&served[1], HOME).unwrap();
        assert!(again.start_poll(), "a finished poll gives its place back");
    }

    #[test]
    fn a_head_sent_a_byte_at_a_time_stops_at_the_deadline() {
        let (mut ends, served) = sockets(1);
        let mut client = ends.remove(0);
        let trickle = std::thread::spawn(move || {
            for b in b"GET / HTTP/1.1\r\nHost: localhost\r\nX: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
                if std::io::Write::write_all(&mut client, &[*b]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        let started = Instant::now();
        let head = crate::serve::http::read_head(&mut Deadline {
            stream: &served[0],
            until: started + Duration::from_millis(600),
        });
        let took = started.elapsed();
        drop(served);
        assert_eq!(head, Err(408));
        assert!(
            took >= Duration::from_millis(600) && took < Duration::from_secs(2),
            "{took:?}"
        );
        trickle.join().unwrap();
    }
}
