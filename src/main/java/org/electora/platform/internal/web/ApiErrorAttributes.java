package org.electora.platform.internal.web;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * What a refusal that never reached a controller looks like: an unknown address (404), a method the address does not
 * take (405), a body of a type it does not read (415), an answer of a type it cannot give (406). Spring answers these
 * itself, through {@code /error}; like every other refusal of the API they carry a rule code ({@code GEN-} and the
 * status) and a sentence saying what went wrong, with no stack trace or class name.
 */
@Component
class ApiErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        if (attributes.get("status") instanceof Integer status) {
            attributes.putIfAbsent("ruleCode", "GEN-" + status);
            attributes.putIfAbsent("detail", detail(status, String.valueOf(attributes.get("path"))));
        }
        return attributes;
    }

    private static String detail(int status, String path) {
        return switch (status) {
            case 404 -> "Nothing is at " + path;
            case 405 -> path + " does not take this method (the Allow header names those it takes)";
            case 406 -> path + " cannot answer in the type the Accept header asks for";
            case 415 -> path + " does not read a body of this Content-Type";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known == null ? "Status " + status : known.getReasonPhrase();
            }
        };
    }
}
