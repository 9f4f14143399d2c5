package dev.px0.console;

import dev.px0.testing.Mailbox;
import dev.px0.testing.Node;
import dev.px0.testing.Users;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Sign-up with the emailed verification code, and a password reset, through the console (real SMTP: GreenMail). */
@Tag("browser")
class ConsoleAccountFlowTest {

    private static Mailbox mailbox;
    private static Node node;
    private static Browser browser;

    @BeforeAll
    static void start() {
        Browser.requireInstalled();
        mailbox = new Mailbox();
        node = Node.start(mailbox.settings());
        browser = new Browser("http://127.0.0.1:" + node.server().port());
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            node.close();
            mailbox.close();
        }
    }

    @Test
    void signUpVerifyTheEmailThenResetThePassword() {
        String email = Users.uniqueEmail();
        browser.open("#/signup");
        browser.heading("Create an account");
        browser.type("form[data-test=sign-up] [name=email]", email);
        browser.type("form[data-test=sign-up] [name=password]", "password");
        browser.click("form[data-test=sign-up] button[type=submit]");
        browser.text("form[data-test=sign-up] [data-test=form-error]", "password is too common (400)");
        browser.type("form[data-test=sign-up] [name=password]", Users.PASSWORD);
        browser.click("form[data-test=sign-up] button[type=submit]");
        browser.heading("Verify your email");
        assertThat(browser.find("form[data-test=verify] [name=email]").getDomProperty("value"), is(email));

        browser.type("form[data-test=verify] [name=code]", "000000");
        browser.click("form[data-test=verify] button[type=submit]");
        browser.text("form[data-test=verify] [data-test=form-error]", "invalid verification code (400)");
        browser.type("form[data-test=verify] [name=code]", mailbox.code(email));
        browser.click("form[data-test=verify] button[type=submit]");
        browser.heading("Sign in");
        browser.text("#status", "Email verified");
        browser.signIn(email, Users.PASSWORD);
        browser.click("[data-test=sign-out]");
        browser.heading("Sign in");

        browser.open("#/reset");
        browser.heading("Reset your password");
        browser.type("form[data-test=reset-trigger] [name=email]", email);
        browser.click("form[data-test=reset-trigger] button[type=submit]");
        String code = mailbox.code(email, 2);
        browser.type("form[data-test=reset] [name=code]", code);
        browser.type("form[data-test=reset] [name=new_password]", "another long passphrase");
        browser.click("form[data-test=reset] button[type=submit]");
        browser.heading("Sign in");
        browser.text("#status", "Password changed");
        browser.signIn(email, "another long passphrase");
    }
}
