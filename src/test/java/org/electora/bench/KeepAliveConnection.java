package org.electora.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One blocking HTTP/1.1 keep-alive connection over a plain socket, for load generators that share the CPU with the
 * server they measure. The JDK's {@code HttpClient} hands every exchange between its selector thread and an
 * executor; on two shared cores that client-side work is a large part of what the benchmark would measure. This
 * writes the request and reads the answer on the caller's thread: real HTTP (status line, headers, Content-Length or
 * chunked body), nothing more. Not thread-safe: one connection per client thread.
 */
final class KeepAliveConnection implements AutoCloseable {

    record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    private final String authorization;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveConnection(int port, String bearerToken) {
        this.host = "127.0.0.1";
        this.port = port;
        this.authorization = bearerToken == null ? "" : "Authorization: Bearer " + bearerToken + "\r\n";
    }

    /** POSTs a JSON body; reconnects once if the server closed the idle connection. */
    Response postJson(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + authorization
                + "Content-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            return exchange(head, body);
        } catch (IOException firstAttempt) {
            close();
            try {
                return exchange(head, body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Response exchange(byte[] head, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }
        out.write(head);
        out.write(body);
        out.flush();
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        String text;
        if (chunked) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                content.write(in.readNBytes(size));
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers are not used
            }
            text = content.toString(StandardCharsets.UTF_8);
        } else if (length >= 0) {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new EOFException("Body ended after " + bytes.length + " of " + length + " bytes");
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } else {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(status, text);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("Connection closed by the server");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection we no longer use
            }
            socket = null;
        }
    }
}
