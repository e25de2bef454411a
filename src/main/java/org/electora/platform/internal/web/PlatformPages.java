package org.electora.platform.internal.web;

import org.electora.platform.PageController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Home and sign-in. */
@Controller
class PlatformPages implements PageController {

    @GetMapping("/")
    String home() {
        return "platform/home";
    }

    @GetMapping("/login")
    String login() {
        return "platform/login";
    }
}
