package dev.px0.auth;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.px0.auth.CodeStore.Purpose;
import dev.px0.http.ApiException;
import dev.px0.mail.Outbox;
import dev.px0.user.User;
import dev.px0.user.UserStore;
import dev.px0.user.UserStore.Credentials;

/**
 * The account lifecycle after OWASP ASVS 5 V6/V7: registration, email verification, password reset, password
 * change and account deletion. Knows nothing of HTTP. Requests that could reveal whether an email has an account
 * (verification resend, reset trigger) answer the same either way and count toward the same send limit.
 */
final class AccountService {

    private static final System.Logger LOGGER = System.getLogger(AccountService.class.getName());

    private final UserStore users;
    private final TokenStore tokens;
    private final CodeStore codes;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Outbox outbox;
    private final LoginThrottle throttle;
    private final boolean registrationOpen;

    AccountService(UserStore users, TokenStore tokens, CodeStore codes, PasswordHasher hasher,
                          PasswordPolicy policy, Outbox outbox, LoginThrottle throttle, boolean registrationOpen) {
        this.users = users;
        this.tokens = tokens;
        this.codes = codes;
        this.hasher = hasher;
        this.policy = policy;
        this.outbox = outbox;
        this.throttle = throttle;
        this.registrationOpen = registrationOpen;
    }

    /**
     * Creates an account. Without a creator it is open sign-up: an unverified, non-admin user who is sent a
     * verification code. A system admin as creator makes a verified user, an admin if asked.
     */
    public User register(String email, String password, boolean admin, Optional<User> creator) {
        if (creator.isEmpty() && !registrationOpen) {
            throw AuthErrors.registrationClosed();
        }
        if (creator.map(c -> !c.admin()).orElse(admin)) {
            throw ApiException.forbidden();
        }
        checkPolicy(password);
        if (users.existsByEmail(email)) {
            throw AuthErrors.emailTaken();
        }
        boolean byAdmin = creator.isPresent();
        if (!byAdmin) {
            countSend(email); // before anything is written: a refused sign-up leaves nothing behind
        }
        User user = users.create(email, hasher.hash(password), byAdmin, admin)
                .orElseThrow(() -> AuthErrors.emailTaken());
        if (!byAdmin) {
            sendVerificationCode(user.email());
        }
        return user;
    }

    /** Verifies the email with the code sent to it. A wrong, used or expired code, or no such account: refused. */
    public void verifyEmail(String email, String code) {
        if (!codes.check(Purpose.VERIFY_EMAIL, email, code) || !users.markVerified(email)) {
            throw AuthErrors.invalidVerificationCode();
        }
    }

    /** Sends a new verification code when the account exists and is unverified; says nothing either way. */
    public void resendVerification(String email) {
        countSend(email);
        users.findByEmail(email)
                .filter(c -> !c.user().verified())
                .ifPresent(c -> sendVerificationCode(c.user().email()));
    }

    /** Sends a reset code when the account exists; says nothing either way. */
    public void triggerPasswordReset(String email) {
        countSend(email);
        users.findByEmail(email).ifPresent(c -> {
            String code = codes.issue(Purpose.PASSWORD_RESET, c.user().email());
            outbox.send(c.user().email(), "Your px0 password reset code",
                        "Your px0 password reset code is " + code + ".\n\nIt expires in "
                                + CodeStore.CODE_TTL.toMinutes() + " minutes. If you did not ask to reset your "
                                + "password, ignore this email: your password stays as it is.\n");
        });
    }

    /**
     * Sets a new password with a reset code, verifies the email (the code proves it), ends every session of the
     * account (whoever knew the old password is logged out) and lifts a login lock on the email.
     */
    public void resetPassword(String email, String code, String newPassword) {
        checkPolicy(newPassword);
        if (!codes.check(Purpose.PASSWORD_RESET, email, code)) {
            throw AuthErrors.invalidResetCode();
        }
        Credentials credentials = users.findByEmail(email)
                .orElseThrow(() -> AuthErrors.invalidResetCode());
        users.setPasswordHash(credentials.user().id(), hasher.hash(newPassword), true);
        tokens.revokeAll(credentials.user(), null);
        throttle.clear(email); // the owner proved the address: a lock set by someone guessing is lifted
        LOGGER.log(Level.INFO, "Password reset for user " + credentials.user().id());
    }

    /** Changes the caller's password after checking the current one; ends the caller's other sessions. */
    public void changePassword(Caller caller, String currentPassword, String newPassword) {
        Credentials credentials = checkPassword(caller, currentPassword);
        checkPolicy(newPassword);
        users.setPasswordHash(credentials.user().id(), hasher.hash(newPassword), false);
        tokens.revokeAll(credentials.user(), caller.sessionId());
    }

    /**
     * Deletes the caller's account after checking the password, and ends all its sessions. The last admin of a
     * project cannot go: refused with the projects named, nothing changed.
     *
     * <p>The sessions are revoked <em>before</em> the row is deleted, inside the deleting transaction: if Redis
     * fails, the deletion fails as a whole (503) and the account is there as before; never a deleted user whose
     * sessions live on with their cached {@code is_admin}. Revoking also moves the session generation, so no login
     * that started before can add a session; a login that read the row just before the commit is caught by a second
     * revocation after it.
     */
    public void deleteAccount(Caller caller, String password) {
        Credentials credentials = checkPassword(caller, password);
        User user = credentials.user();
        List<String> soleAdminOf = users.deleteUnlessLastAdmin(user.id(), () -> tokens.revokeAll(user, null));
        if (!soleAdminOf.isEmpty()) {
            throw AuthErrors.lastAdmin(soleAdminOf);
        }
        try {
            tokens.revokeAll(user, null);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Deleted user " + user.id() + ": its sessions were revoked before the delete, "
                    + "the second revocation after it failed: " + e.getClass().getSimpleName());
        }
        LOGGER.log(Level.INFO, "Deleted user " + user.id() + " at its own request");
    }

    /**
     * Checks the caller's password. It counts toward the account's failure lock exactly like a login (see
     * {@link LoginThrottle}): a stolen token cannot be used to guess its owner's password without limit, and a
     * locked account is refused without hashing.
     */
    private Credentials checkPassword(Caller caller, String password) {
        String email = caller.user().email();
        Optional<Duration> lock = throttle.lockOf(email);
        if (lock.isPresent()) {
            throw AuthErrors.tooManyAttempts(lock.get());
        }
        Optional<Credentials> credentials = users.findById(caller.user().id());
        if (credentials.isEmpty()) {
            hasher.verifyDummy(password);
            throttle.recordFailure(email);
            throw AuthErrors.invalidCredentials();
        }
        if (!hasher.verify(password, credentials.get().passwordHash())) {
            throttle.recordFailure(email);
            throw AuthErrors.invalidCredentials();
        }
        throttle.clear(email);
        return credentials.get();
    }

    private void checkPolicy(String password) {
        policy.violation(password).ifPresent(message -> {
            throw AuthErrors.weakPassword(message);
        });
    }

    private void countSend(String email) {
        Optional<Duration> wait = codes.countSend(email);
        if (wait.isPresent()) {
            throw AuthErrors.tooManyRequests(wait.get());
        }
    }

    private void sendVerificationCode(String email) {
        String code = codes.issue(Purpose.VERIFY_EMAIL, email);
        outbox.send(email, "Your px0 verification code",
                    "Your px0 verification code is " + code + ".\n\nIt expires in " + CodeStore.CODE_TTL.toMinutes()
                            + " minutes. If you did not sign up for px0, ignore this email.\n");
    }
}
