package org.electora.platform.internal.web;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.electora.platform.PageController;
import org.electora.platform.Ui;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;

/** Language: English, Azerbaijani or Russian, switched with {@code ?lang=} and remembered in a cookie; strict JSON bodies. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver("electora-lang");
        resolver.setDefaultLocale(Locale.ENGLISH);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    /**
     * Request bodies are read strictly (400 naming the field):
     * <ul>
     *   <li>a JSON object that names a field twice is refused, not read as its last value: a protocol with
     *   {@code "stationId"} twice, or one candidate's votes twice, is ambiguous, and which of the two counts must not
     *   depend on a parser's habit;</li>
     *   <li>a field the body does not have is refused, not dropped: a misspelt optional field — a correction's
     *   {@code "reason"}, a release's {@code "decisionReference"} — would otherwise be recorded as absent.</li>
     * </ul>
     * Only HTTP bodies go through this mapper; stored JSON is read by each module's own.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Only the languages the site is written in: ?lang=xx leaves the reader's language as it was (it was kept in
        // the cookie for a year and sent back as Content-Language: xx over an English page).
        var interceptor = new LocaleChangeInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws ServletException {
                String language = request.getParameter(getParamName());
                return language != null && !Ui.LANGUAGES.contains(language) || super.preHandle(request, response, handler);
            }
        };
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor).excludePathPatterns("/api/**");
    }

    /** Gives every page template its {@link Ui}: the templates of {@link PageController}s, never an API answer. */
    @ControllerAdvice(assignableTypes = PageController.class)
    static class UiModel {
        private final MessageSource messages;

        UiModel(MessageSource messages) {
            this.messages = messages;
        }

        @ModelAttribute("ui")
        Ui ui(HttpServletRequest request) {
            return Ui.of(messages, request);
        }
    }
}
