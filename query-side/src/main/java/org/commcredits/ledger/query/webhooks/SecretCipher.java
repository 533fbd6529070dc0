package org.commcredits.ledger.query.webhooks;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Webhook secrets at rest (INV-WH-06): AES-256-GCM under a key derived (SHA-256) from {@code LEDGER_SECRETS_KEY},
 * a fresh 12-byte nonce per secret, stored as {@code v1:} + base64(nonce | ciphertext | tag). The sandbox has a
 * fixed default key and says so in the log; outside the sandbox, without a key, webhook endpoints cannot be
 * created ({@code 503 WEBHOOKS_UNAVAILABLE}) and nothing is sent.
 */
final class SecretCipher {

    static final String SANDBOX_DEFAULT_KEY = "sandbox-only-webhook-secrets-key-do-not-use-in-production";
    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretCipher(SecretKeySpec key) {
        this.key = key;
    }

    static SecretCipher fromEnvironment(String configuredKey, boolean sandbox) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return new SecretCipher(derive(configuredKey));
        }
        if (sandbox) {
            log.warn("LEDGER_SECRETS_KEY is not set: webhook secrets are encrypted with the SANDBOX DEFAULT key "
                    + "(fine for the sandbox, never for real secrets)");
            return new SecretCipher(derive(SANDBOX_DEFAULT_KEY));
        }
        log.error("LEDGER_SECRETS_KEY is not set: webhook endpoints cannot be created and no webhook is sent");
        return new SecretCipher(null);
    }

    boolean available() {
        return key != null;
    }

    String encrypt(String secret) {
        require();
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    String decrypt(String stored) {
        require();
        if (!stored.startsWith("v1:")) {
            throw new IllegalStateException("unknown secret format");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(3));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a webhook secret does not decrypt under LEDGER_SECRETS_KEY (was the key changed?)", e);
        }
    }

    private void require() {
        if (key == null) {
            throw new LedgerException(ErrorCode.WEBHOOKS_UNAVAILABLE, "Set LEDGER_SECRETS_KEY to use webhooks outside the sandbox");
        }
    }

    private static SecretKeySpec derive(String material) {
        try {
            return new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
