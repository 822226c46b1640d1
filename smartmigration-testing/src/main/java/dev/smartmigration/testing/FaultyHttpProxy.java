package dev.smartmigration.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * A loopback HTTP/1.1 proxy between an S3 client and an S3 endpoint (S3Proxy or a real store such as Ceph RGW)
 * that injects real network faults: it can swallow a request (the connection closes, the write never reaches the
 * store) or swallow the reply (the store applies the write, then the connection closes before the client hears
 * back). It can also rewrite the conditional-write headers, to turn the store behind it into one that ignores or
 * refuses them; it then signs the rewritten request again (SigV4, with the test server's keys), so the store
 * checks signatures as usual.
 *
 * <p>Each request gets its own upstream connection with {@code Connection: close} (a header the AWS signer does
 * not sign), so the proxy needs no response parsing beyond skipping interim {@code 100 Continue} replies.
 * Plain http only.
 *
 * <pre>{@code
 * try (FaultyHttpProxy proxy = FaultyHttpProxy.start(server.endpoint())) {
 *     proxy.failNext(Fault.DROP_RESPONSE, "PUT", ".smartmigration/", 1);
 *     S3Client s3 = server.client(proxy.endpoint(), false);
 * }
 * try (FaultyHttpProxy ignoring = FaultyHttpProxy.rewriting(server, Rewrite.IGNORE_IF_MATCH)) {
 *     S3Client s3 = server.client(ignoring.endpoint(), true);   // a store that ignores If-Match
 * }
 * }</pre>
 */
public final class FaultyHttpProxy implements AutoCloseable {

    /** What to do to a matching request. */
    public enum Fault {
        /** Read the request and close the connection without forwarding it. */
        DROP_REQUEST,
        /** Forward the request, wait for the store's complete reply, then close without passing it on. */
        DROP_RESPONSE
    }

    /** What to do to the conditional-write headers of every request, to play a store that mishandles them. */
    public enum Rewrite {
        /** Forward them as they are. */
        NONE,
        /** Drop {@code If-None-Match}: a store that ignores create-if-absent. */
        IGNORE_IF_NONE_MATCH,
        /** Drop {@code If-Match}: a store that ignores compare-and-set. */
        IGNORE_IF_MATCH,
        /** Drop both. */
        IGNORE_BOTH,
        /** Replace a quoted {@code If-Match} with a wrong ETag: refused even when it matches, as on Ceph RGW 16.2. */
        REFUSE_QUOTED_IF_MATCH,
        /** Replace every {@code If-Match} with a wrong ETag: a store on which no compare-and-set can succeed. */
        REFUSE_IF_MATCH;

        private static final String WRONG_ETAG = "00000000000000000000000000000000";

        /** @return the header's new value, or {@code null} to drop it */
        String apply(String name, String value) {
            boolean ifMatch = name.equals("if-match");
            boolean ifNoneMatch = name.equals("if-none-match");
            return switch (this) {
                case NONE -> value;
                case IGNORE_IF_NONE_MATCH -> ifNoneMatch ? null : value;
                case IGNORE_IF_MATCH -> ifMatch ? null : value;
                case IGNORE_BOTH -> ifMatch || ifNoneMatch ? null : value;
                case REFUSE_QUOTED_IF_MATCH -> ifMatch && value.startsWith("\"") ? "\"" + WRONG_ETAG + "\"" : value;
                case REFUSE_IF_MATCH -> ifMatch ? WRONG_ETAG : value;
            };
        }
    }

    private static final int SOCKET_TIMEOUT_MS = 30_000;
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Rewrite rewrite;
    private final S3TestServer signer;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-http-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Object faultLock = new Object();
    private Fault fault;
    private String faultMethod;
    private String faultPath;
    private int faultsLeft;
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();

    private FaultyHttpProxy(ServerSocket listener, InetSocketAddress upstream, Rewrite rewrite,
                            S3TestServer signer) {
        this.listener = listener;
        this.upstream = upstream;
        this.rewrite = rewrite;
        this.signer = signer;
    }

    /**
     * Starts a proxy that forwards requests unchanged until {@link #failNext} tells it to fail some.
     *
     * @param upstream an {@code http://} endpoint; for any other the calling test is skipped
     * @return a running proxy on a random loopback port
     */
    public static FaultyHttpProxy start(URI upstream) {
        return start(upstream, Rewrite.NONE, null);
    }

    /**
     * Starts a proxy that rewrites the conditional-write headers of every request, playing a store that ignores or
     * refuses them.
     *
     * @param server  the server to put the proxy in front of (plain http, or the calling test is skipped); its
     *                keys sign the rewritten requests
     * @param rewrite what to do to the conditional-write headers
     * @return a running proxy on a random loopback port
     */
    public static FaultyHttpProxy rewriting(S3TestServer server, Rewrite rewrite) {
        return start(server.endpoint(), rewrite, server);
    }

    private static FaultyHttpProxy start(URI upstream, Rewrite rewrite, S3TestServer signer) {
        // The calling test is skipped, not failed: a real endpoint may well be https.
        Assumptions.assumeTrue("http".equals(upstream.getScheme()),
                "the fault proxy speaks plain http only, and the endpoint is " + upstream);
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultyHttpProxy proxy = new FaultyHttpProxy(listener,
                    new InetSocketAddress(upstream.getHost(), upstream.getPort()), rewrite, signer);
            proxy.workers.execute(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("could not open a loopback port", e);
        }
    }

    /** {@return the endpoint to give the client} */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /**
     * Injects a fault into the next requests with this method whose path contains {@code pathPart}.
     *
     * @param fault    what to do to them
     * @param method   the HTTP method, e.g. {@code PUT}
     * @param pathPart a part of the request's path, e.g. {@code .smartmigration/}
     * @param times    how many requests to fail
     */
    public void failNext(Fault fault, String method, String pathPart, int times) {
        synchronized (faultLock) {
            this.fault = fault;
            this.faultMethod = method;
            this.faultPath = pathPart;
            this.faultsLeft = times;
        }
    }

    /** {@return how many faults were injected so far} */
    public int injected() {
        return injected.get();
    }

    /** {@return how many requests reached the upstream store so far} */
    public int forwarded() {
        return forwarded.get();
    }

    private Fault faultFor(String method, String path) {
        synchronized (faultLock) {
            if (faultsLeft > 0 && method.equals(faultMethod) && path.contains(faultPath)) {
                faultsLeft--;
                injected.incrementAndGet();
                return fault;
            }
            return null;
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                workers.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(SOCKET_TIMEOUT_MS);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] requestLine = head.get(0).split(" ");
            String method = requestLine[0];
            String path = requestLine.length > 1 ? requestLine[1] : "";
            long length = 0;
            boolean expectContinue = false;
            boolean rewritten = false;
            List<String[]> headers = new ArrayList<>();
            for (String line : head.subList(1, head.size())) {
                String name = line.substring(0, Math.max(line.indexOf(':'), 0)).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(line.indexOf(':') + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> throw new IOException("chunked request bodies are not supported");
                    case "expect" -> expectContinue = value.equalsIgnoreCase("100-continue");
                    default -> { }
                }
                if (name.equals("connection")) {
                    continue;
                }
                String newValue = rewrite.apply(name, value);
                rewritten |= !value.equals(newValue);
                if (newValue != null) {
                    headers.add(new String[] {name, newValue});
                }
            }
            if (expectContinue) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            byte[] body = in.readNBytes((int) length);
            if (rewritten) {
                if (streaming(headers)) {
                    // The chunks' signatures chain from the signature being replaced: send the payload plain.
                    List<String[]> trailers = new ArrayList<>();
                    body = decodeAwsChunked(body, trailers);
                    headers = plainPayload(headers, body.length, trailers);
                }
                headers = signAgain(method, path, headers, body);
            }
            StringBuilder forwardedHead = new StringBuilder(head.get(0)).append("\r\n");
            for (String[] header : headers) {
                forwardedHead.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
            forwardedHead.append("Connection: close\r\n\r\n");
            Fault planned = faultFor(method, path);
            if (planned == Fault.DROP_REQUEST) {
                return;
            }
            byte[] reply = exchange(forwardedHead.toString().getBytes(StandardCharsets.ISO_8859_1), body);
            if (planned == Fault.DROP_RESPONSE) {
                return;
            }
            out.write(reply);
            out.flush();
        } catch (IOException e) {
            // the client or the store went away; closing the connection is all there is to do
        }
    }

    /** @return whether the body is {@code aws-chunked}, each chunk signed or followed by a trailer */
    private static boolean streaming(List<String[]> headers) {
        return headers.stream().anyMatch(h -> h[0].equals("x-amz-content-sha256") && h[1].startsWith("STREAMING-"));
    }

    /**
     * Decodes an {@code aws-chunked} body: {@code <hex size>[;chunk-signature=...]\r\n<data>\r\n} up to a chunk of
     * size 0, then the trailing headers (a checksum), which go to {@code trailers}.
     */
    private static byte[] decodeAwsChunked(byte[] chunked, List<String[]> trailers) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, at, CRLF);
            if (lineEnd < 0) {
                throw new IOException("an aws-chunked body without its final chunk");
            }
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                break;
            }
            payload.write(chunked, at, size);
            at += size + 2;
        }
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at, CRLF);
            String line = new String(chunked, at, (lineEnd < 0 ? chunked.length : lineEnd) - at,
                    StandardCharsets.ISO_8859_1);
            if (line.isEmpty() || lineEnd < 0) {
                break;
            }
            if (!line.startsWith("x-amz-trailer-signature")) {
                trailers.add(new String[] {line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT),
                        line.substring(line.indexOf(':') + 1).trim()});
            }
            at = lineEnd + 2;
        }
        return payload.toByteArray();
    }

    /** The headers of the same request with its payload sent plain: no chunk encoding, the trailers as headers. */
    private static List<String[]> plainPayload(List<String[]> headers, int length, List<String[]> trailers) {
        List<String[]> plain = new ArrayList<>();
        for (String[] h : headers) {
            switch (h[0]) {
                case "x-amz-decoded-content-length", "x-amz-trailer" -> { }
                case "content-length" -> plain.add(new String[] {h[0], Integer.toString(length)});
                case "content-encoding" -> {
                    String rest = Arrays.stream(h[1].split(",")).map(String::trim)
                            .filter(e -> !e.equalsIgnoreCase("aws-chunked")).collect(Collectors.joining(","));
                    if (!rest.isEmpty()) {
                        plain.add(new String[] {h[0], rest});
                    }
                }
                default -> plain.add(h);
            }
        }
        plain.addAll(trailers);
        return plain;
    }

    /**
     * Signs a rewritten request again with the test server's keys, as the client would have signed it: SigV4 for
     * S3, payload signed, path neither normalised nor encoded twice.
     */
    private List<String[]> signAgain(String method, String target, List<String[]> headers, byte[] body) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method));
        String host = null;
        for (String[] header : headers) {
            switch (header[0]) {
                case "authorization", "x-amz-date", "x-amz-content-sha256" -> { }
                default -> request.appendHeader(header[0], header[1]);
            }
            if (header[0].equals("host")) {
                host = header[1];
            }
        }
        request.uri(URI.create("http://" + host + target));
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .identity(signer.credentials())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, signer.region().id())
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        List<String[]> result = new ArrayList<>();
        signed.request().forEachHeader((name, values) -> values.forEach(v -> result.add(new String[] {name, v})));
        return result;
    }

    private byte[] exchange(byte[] head, byte[] body) throws IOException {
        try (Socket store = new Socket()) {
            store.connect(upstream, SOCKET_TIMEOUT_MS);
            store.setSoTimeout(SOCKET_TIMEOUT_MS);
            OutputStream out = store.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            forwarded.incrementAndGet();
            byte[] reply = store.getInputStream().readAllBytes();
            return withoutInterimReplies(reply);
        }
    }

    private static byte[] withoutInterimReplies(byte[] reply) {
        int start = 0;
        while (new String(reply, start, Math.min(12, reply.length - start), StandardCharsets.ISO_8859_1)
                .startsWith("HTTP/1.1 1")) {
            int end = indexOf(reply, start, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (end < 0) {
                break;
            }
            start = end + 4;
        }
        byte[] rest = new byte[reply.length - start];
        System.arraycopy(reply, start, rest, 0, rest.length);
        return rest;
    }

    private static int indexOf(byte[] data, int from, byte[] pattern) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** @return the request line and header lines, or empty at end of stream */
    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        int previous = -1;
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
            previous = b;
            if (line.size() > 65_536) {
                throw new IOException("header line too long");
            }
        }
        return List.of();
    }

    /** Stops listening and closes the connections in flight. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        workers.shutdownNow();
    }
}
