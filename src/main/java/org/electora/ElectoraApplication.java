package org.electora;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Electora: one modular monolith, one top-level package per module (see docs/ARCHITECTURE.md). */
@SpringBootApplication
@EnableScheduling
public class ElectoraApplication {

    public static void main(String[] args) {
        SpringApplication.run(ElectoraApplication.class, args);
    }
}
