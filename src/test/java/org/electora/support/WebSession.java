package org.electora.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's view of the staff pages without a browser: signs in through the login form (session cookie, CSRF
 * token) and then fetches pages and posts forms, following no redirects so that tests see them.
 */
public final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    public record Page(int status, String body, String location, byte[] bytes) {
    }

    private WebSession(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static WebSession anonymous(int port) {
        return new WebSession(port);
    }

    public static WebSession signIn(int port, String username, String password) {
        WebSession s = new WebSession(port);
        Page login = s.get("/login");
        Page after = s.post("/login", csrf(login.body()), Map.of("username", username, "password", password));
        if (after.status() != 302 || after.location() == null || after.location().contains("error")) {
            throw new IllegalStateException("Cannot sign in " + username + ": " + after.status() + " " + after.location());
        }
        return s;
    }

    public static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("No CSRF token on the page");
        }
        return m.group(1);
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** A GET with extra request headers, e.g. {@code If-None-Match}. */
    public Page get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Posts a form; {@code fields} may repeat a name by separating values with a newline-free list. */
    public Page post(String path, String csrf, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&")) + "&_csrf=" + enc(csrf);
        return postRaw(path, body);
    }

    public Page postRaw(String path, String urlEncodedBody) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlEncodedBody)).build());
    }

    /** A file part of a multipart form. */
    public record FilePart(String name, String filename, String contentType, byte[] content) {
    }

    /**
     * Posts a multipart form with one file part and plain fields, as a browser's upload form does; the CSRF token goes
     * in the query string (as the pages' upload forms send it).
     */
    public Page postFile(String path, String csrf, Map<String, String> fields, String part, String filename,
                         String contentType, byte[] content) {
        return postFiles(path, csrf, fields, java.util.List.of(new FilePart(part, filename, contentType, content)));
    }

    /** As {@link #postFile}, with any number of file parts (a file input left empty is a part with no bytes). */
    public Page postFiles(String path, String csrf, Map<String, String> fields, java.util.List<FilePart> files) {
        String boundary = "electora-" + java.util.UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        for (FilePart f : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.name() + "\"; filename=\""
                    + f.filename() + "\"\r\nContent-Type: " + f.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(f.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String url = base + path + (path.contains("?") ? "&" : "?") + "_csrf=" + enc(csrf);
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    /**
     * Follows a page that updates itself while background work runs (a historic import's, for instance) until its
     * {@code data-state} is none of {@code running}: the last page. Fails after a minute.
     */
    public String awaitState(String path, String... running) {
        for (int i = 0; i < 600; i++) {
            String body = get(path).body();
            if (java.util.Arrays.stream(running).noneMatch(state -> body.contains("data-state=\"" + state + "\""))) {
                return body;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(path + " was still " + String.join(" or ", running) + " after a minute");
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Page(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8),
                    r.headers().firstValue("Location").orElse(null), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
