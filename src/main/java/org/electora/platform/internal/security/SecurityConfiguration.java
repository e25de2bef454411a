package org.electora.platform.internal.security;

import org.electora.platform.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Two filter chains: the REST API (stateless, bearer tokens, no cookies so no CSRF) and the web pages
 * (form login, session, CSRF on every form). Roles and scopes are checked again in each module's services.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String[] PUBLIC_PAGES = {"/", "/login", "/map", "/map/**", "/elections", "/elections/**", "/results", "/results/**", "/open-data/**", "/where-do-i-vote", "/vote-abroad", "/accreditation/apply",
            "/webjars/**", "/assets/**", "/favicon.ico", "/error", "/actuator/health", "/actuator/health/**",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            // accreditation: the badge check at the door (works offline) and the observer's invitation link
            "/accreditation/verify", "/accreditation/verify-sw.js", "/accreditation/invitations/**"};

    @Bean
    PasswordEncoder passwordEncoder() {
        var encoder = (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
        // A stored hash without an {id} prefix (an account loaded into the table from elsewhere) is read as BCrypt: a
        // hash of another kind is then a failed sign-in, not a 500.
        encoder.setDefaultPasswordEncoderForMatches(new BCryptPasswordEncoder());
        return encoder;
    }

    @Bean
    AuthenticationManager authenticationManager(StaffUserDetailsService users, PasswordEncoder encoder) {
        var provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        return new ProviderManager(provider);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Token requests have no saved request to resume, no sign-out and no servlet-API principal to wrap:
                // fewer filters on every API request (code reads the signed-in person through CurrentStaff).
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .servletApi(servletApi -> servletApi.disable())
                .addFilterBefore(new BearerTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/tokens").permitAll()
                        // the invitation link's single-use secret is the credential
                        .requestMatchers(HttpMethod.POST, "/api/v1/public/accreditation/invitations/*/account").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/map/**", "/api/v1/elections/**",
                                "/api/v1/protocol-templates/**", "/api/v1/public/**").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> ProblemResponses.write(req, res, 401, "AUTH-001", "Authentication required: send Authorization: Bearer <token>"))
                        .accessDeniedHandler((req, res, ex) -> ProblemResponses.write(req, res, 403, "AUTH-002", "Your role may not do this")));
        return http.build();
    }

    /** The web sessions of each account, so that disabling an account ends them (see {@link AccountCreation#disable}). */
    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the session registry when the container ends a session (time-out, sign-out). */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, SessionRegistry sessions) throws Exception {
        http.sessionManagement(s -> s.maximumSessions(-1).sessionRegistry(sessions).expiredUrl("/login?expired"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC_PAGES).permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/?signedOut"));
        return http.build();
    }
}
