package org.commcredits.ledger.query.admin;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** Notifications for operators ({@code operator_notification}), newest first: e.g. a projection parked an event. */
@Component
class OperatorNotifications {

    private final JdbcTemplate jdbc;

    OperatorNotifications(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Notification(String notificationId, String raisedAt, String type, String projection, String tenantId,
                        String eventIdentifier, String message) {
    }

    List<Notification> latest(int limit) {
        return jdbc.query("SELECT notification_id, raised_at, type, projection, tenant_id, event_identifier, message "
                        + "FROM operator_notification ORDER BY raised_at DESC, notification_id FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> new Notification(rs.getString(1), rs.getTimestamp(2).toInstant().toString(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
    }
}
