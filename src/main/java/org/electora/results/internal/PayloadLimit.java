package org.electora.results.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.electora.platform.ProblemResponses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/** A protocol is a few hundred bytes: a body over 64 KiB is refused before anything reads it. */
@Configuration(proxyBeanMethods = false)
class PayloadLimit {

    static final long MAX_PROTOCOL_BYTES = 64 * 1024;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> protocolPayloadLimit() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long length = request.getContentLengthLong();
                if ("POST".equals(request.getMethod()) && (length > MAX_PROTOCOL_BYTES || length < 0)) {
                    ProblemResponses.write(request, response, 413, "RES-015", "A protocol submission must state its"
                            + " Content-Length and be at most " + MAX_PROTOCOL_BYTES + " bytes");
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/api/v1/protocols");
        return registration;
    }
}
