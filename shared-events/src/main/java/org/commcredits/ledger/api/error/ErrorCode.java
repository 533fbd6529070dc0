package org.commcredits.ledger.api.error;

/**
 * Every stable, machine-readable error code the ledger answers with, and its HTTP status.
 *
 * <p>The codes are part of the public contract: clients switch on them. A code is never renamed or reused;
 * a new rule gets a new code. Within one request, checks run in the contract's order (authentication,
 * authorisation, validation, existence, business rules in the order of the contract's tables), and the
 * first failing check answers.
 */
public enum ErrorCode {

    // 400: the request itself is wrong
    INVALID_REQUEST(400, "The request is malformed"),
    INVALID_AMOUNT(400, "Invalid amount"),
    INVALID_ID(400, "Invalid identifier"),
    INVALID_CURRENCY(400, "Unsupported currency"),
    INVALID_BILLING_AGREEMENT(400, "Unknown billing agreement"),
    INVALID_INSTANT(400, "Invalid instant"),
    INVALID_DURATION(400, "Invalid duration"),
    INVALID_MONTH(400, "Invalid month"),
    INVALID_COUNTRY(400, "Invalid country"),
    INVALID_TIME_ZONE(400, "Invalid time zone"),
    INVALID_PHONE_NUMBER(400, "Invalid phone number"),
    INVALID_SKU(400, "Unknown SKU"),
    INVALID_CALL_TYPE(400, "Unknown call type"),
    INVALID_PAYMENT_METHOD(400, "Invalid payment method"),
    INVALID_SEATS(400, "Invalid seat count"),
    INVALID_RATE_CARD(400, "Invalid rate card"),
    INVALID_PAGING(400, "Invalid paging parameters"),
    INVALID_IDEMPOTENCY_KEY(400, "Invalid idempotency key"),
    TOO_MANY_ITEMS(400, "Too many items in one request"),
    INVALID_EXPIRY(400, "Invalid expiry"),
    INVALID_WEBHOOK_URL(400, "The webhook URL is not acceptable"),
    INVALID_EVENT_TYPE(400, "Unknown webhook event type"),

    // 401 / 403: who is asking
    UNAUTHENTICATED(401, "Authentication required"),
    FORBIDDEN(403, "Not allowed"),

    // 404: what is asked about does not exist
    NOT_FOUND(404, "No such resource"),
    ACCOUNT_NOT_FOUND(404, "No credit account for this tenant"),
    INVOICE_NOT_FOUND(404, "No such invoice"),
    PROJECTION_NOT_FOUND(404, "No such projection"),
    TRANCHE_NOT_FOUND(404, "No such tranche"),
    WEBHOOK_NOT_FOUND(404, "No such webhook endpoint"),
    DELIVERY_NOT_FOUND(404, "No such webhook message"),

    // 405 / 406 / 413 / 415: the HTTP envelope
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    PAYLOAD_TOO_LARGE(413, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),

    // 409: business rules, in the order of the contract's tables
    ACCOUNT_EXISTS(409, "A credit account already exists for this tenant"),
    BELOW_MINIMUM_FUNDING(409, "Amount is below the minimum funding"),
    MCA_CANNOT_BUY_CREDITS(409, "Accounts on a Microsoft Customer Agreement cannot buy credits"),
    NO_PAYMENT_METHOD(409, "No payment method on the account"),
    PAYMENT_DECLINED(409, "The payment was declined"),
    PAYMENT_PROVIDER_UNAVAILABLE(409, "The payment provider did not answer in time"),
    AUTO_RECHARGE_NOT_ALLOWED_FOR_MCA(409, "Auto-recharge is not allowed on a Microsoft Customer Agreement"),
    AUTO_RECHARGE_MUST_BE_OFF(409, "Auto-recharge must be off to switch to a Microsoft Customer Agreement"),
    SEATS_IN_USE(409, "Seats cannot go below the number assigned"),
    NO_SEATS_AVAILABLE(409, "No seats available for this SKU"),
    LICENSE_ALREADY_ASSIGNED(409, "The license is already assigned"),
    USAGE_LOCATION_REQUIRED(409, "A usage location is required"),
    LICENSE_NOT_ASSIGNED(409, "The license is not assigned"),
    SKU_NOT_SUBSCRIBABLE(409, "Seats of this SKU do not come from subscriptions"),
    CALL_NOT_AUTHORIZED(409, "The call was not authorised"),
    USER_SPEND_LIMIT_REACHED(409, "The user's monthly spend limit is reached"),
    IDEMPOTENCY_KEY_REUSED(409, "The idempotency key was used with a different request"),
    CLOCK_CANNOT_GO_BACKWARDS(409, "The test clock never moves backwards"),
    REPLAY_IN_PROGRESS(409, "A replay of this projection is already running"),
    NOTHING_TO_REFUND(409, "The tranche has nothing left to refund"),
    TRANCHE_EXPIRED(409, "The tranche has expired"),
    REFUND_DECLINED(409, "The payment provider declined the refund"),
    CONCURRENT_MODIFICATION(409, "The resource was changed concurrently; retry"),

    // 429: too many failed authentications from this name or address (docs/security.md)
    AUTHENTICATION_THROTTLED(429, "Too many failed authentications; retry later"),

    // 503: try again later
    READ_MODEL_LAGGING(503, "The read model has not caught up yet"),
    STORE_UNAVAILABLE(503, "The ledger's database is unavailable; retry"),
    WEBHOOKS_UNAVAILABLE(503, "Webhooks need LEDGER_SECRETS_KEY outside the sandbox"),

    // 500: never expected; answered without internals
    INTERNAL_ERROR(500, "Internal error");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
