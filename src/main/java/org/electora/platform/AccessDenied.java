package org.electora.platform;

/** The caller may not read or write this: answered with 403 and never with the data. */
public class AccessDenied extends RuntimeException {
    public AccessDenied(String message) {
        super(message);
    }
}
