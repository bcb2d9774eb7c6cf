package app.mysay.notifications;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.common.ApiProblem;
import app.mysay.common.Timestamps;
import app.mysay.notifications.NotificationDtos.NotificationView;
import app.mysay.security.Caller;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** A member of staff's own notifications in the workspace: only ever the caller's (recipient = caller). */
@ApplicationScoped
public class NotificationService {

    /** The workspace shows the newest ones; older ones stay in the table. */
    public static final int LIST_LIMIT = 100;

    private final Outbox outbox;

    NotificationService(Outbox outbox) {
        this.outbox = outbox;
    }

    @WithSession
    public Uni<List<NotificationView>> mine(Caller caller) {
        return outbox.find("recipientId", Sort.descending("createdAt").and("id"), caller.id())
                .range(0, LIST_LIMIT - 1).list()
                .map(rows -> rows.stream().map(NotificationView::of).toList());
    }

    /**
     * Marks one of the caller's notifications read (the first time counts; marking again changes nothing). Someone
     * else's notification, or none, is 404. A bulk update touches only {@code read_at}, so it never races with the
     * sender's record of delivery.
     */
    @WithTransaction
    public Uni<NotificationView> markRead(Caller caller, UUID id) {
        Parameters params = Parameters.with("id", id).and("me", caller.id());
        return outbox.update("readAt = :now where id = :id and recipientId = :me and readAt is null",
                params.and("now", Timestamps.now()))
                .flatMap(updated -> outbox.find("id = :id and recipientId = :me",
                        Parameters.with("id", id).and("me", caller.id())).<Notification>firstResult())
                .onItem().ifNull().failWith(ApiProblem::notFound)
                .map(NotificationView::of);
    }
}
