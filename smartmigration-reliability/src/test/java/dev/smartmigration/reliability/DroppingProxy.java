package dev.smartmigration.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a random loopback port that forwards to one server and, for each chunk it forwards in either
 * direction, resets the connection (both sides, SO_LINGER 0) with a given probability: the request or its reply
 * is lost part-way, as when a network path or a load balancer drops a connection. Works for any protocol
 * (MongoDB wire protocol, HTTP). {@link #cutOff()} and {@link #restore()} make the server vanish and come back
 * on the same port.
 *
 * <pre>{@code
 * try (DroppingProxy proxy = DroppingProxy.start(serverAddress, 0.01, new Random(seed))) {
 *     connect to "127.0.0.1:" + proxy.port();
 * }
 * }</pre>
 */
final class DroppingProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private volatile ServerSocket listener;
    private final Random random;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger drops = new AtomicInteger();
    private volatile double dropChance;

    private DroppingProxy(InetSocketAddress target, double dropChance, Random random) throws IOException {
        this.target = target;
        this.dropChance = dropChance;
        this.random = random;
        this.port = listen(0).getLocalPort();
    }

    private ServerSocket listen(int onPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        listener = socket;
        Thread acceptor = new Thread(() -> accept(socket), "proxy-accept-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return socket;
    }

    /**
     * @param target     the server
     * @param dropChance per forwarded chunk, the chance that the connection is reset instead
     * @param random     the source of chance (seeded, for a reproducible sequence of decisions)
     * @return the running proxy
     */
    static DroppingProxy start(InetSocketAddress target, double dropChance, Random random) {
        try {
            return new DroppingProxy(target, dropChance, random);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the proxy's port on the loopback address */
    int port() {
        return port;
    }

    /** @return how many connections it has reset */
    int drops() {
        return drops.get();
    }

    /** @param chance the new chance per chunk; 0 forwards everything */
    void dropChance(double chance) {
        this.dropChance = chance;
    }

    /**
     * The server disappears, as far as clients can tell: the port stops accepting and every open connection is
     * reset.
     */
    void cutOff() {
        close();
    }

    /** The server is back on the same port. */
    void restore() {
        try {
            listen(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sockets.forEach(DroppingProxy::reset);
        }
    }

    private void accept(ServerSocket listener) {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                sockets.add(client);
                sockets.add(server);
                try {
                    server.connect(target, 2000);
                } catch (IOException refused) {
                    reset(client);
                    continue;
                }
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                // the listener was closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (shouldDrop()) {
                        drops.incrementAndGet();
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away: close both below
            } finally {
                reset(from);
                reset(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private boolean shouldDrop() {
        synchronized (random) {
            return random.nextDouble() < dropChance;
        }
    }

    private static void reset(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
                socket.close();
            }
        } catch (IOException e) {
            // already gone
        }
    }
}
