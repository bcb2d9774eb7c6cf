package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import app.mysay.security.FieldEncryption;
import app.mysay.security.FieldEncryption.Place;
import io.quarkus.arc.Arc;

/**
 * The last free text about a child stored as text, and the safety score (the child's own answer, which docs/security.md
 * counts as their words), become ciphertexts under the field encryption (app.mysay.security.FieldEncryption), as V9 did
 * for the views: {@code child.communication_needs}, {@code conference.place}, {@code legal_hold.reason} and
 * {@code views.safety_score}. Unlike V9 this migration holds the key (the application's keyset, from its
 * configuration), so it encrypts the rows already there, each bound to its table, column, row and child (a conference's
 * place to the conference), then drops the plain columns, all in Flyway's one transaction: nothing is left half done.
 */
public class V24__encrypt_free_text_and_safety_score extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        FieldEncryption crypto = Arc.container().instance(FieldEncryption.class).get();
        Connection db = context.getConnection();
        try (Statement ddl = db.createStatement()) {
            ddl.execute("alter table child add column communication_needs_enc bytea");
            ddl.execute("alter table conference add column place_enc bytea");
            ddl.execute("alter table legal_hold add column reason_enc bytea");
            ddl.execute("alter table views add column safety_score_enc bytea");
        }
        encrypt(db, crypto, "child", "id", "id", "communication_needs", "communication_needs_enc");
        encrypt(db, crypto, "conference", "id", "id", "place", "place_enc");
        encrypt(db, crypto, "legal_hold", "child_id", "child_id", "reason", "reason_enc");
        try (Statement ddl = db.createStatement()) {
            // Sent views are immutable; this is the one change to them that keeps what the child said.
            ddl.execute("alter table views disable trigger views_immutable");
            encrypt(db, crypto, "views", "id", "child_id", "safety_score", "safety_score_enc");
            ddl.execute("alter table views enable trigger views_immutable");
            ddl.execute("alter table child drop column communication_needs");
            ddl.execute("alter table conference drop column place");
            ddl.execute("alter table legal_hold drop column reason");
            ddl.execute("alter table legal_hold alter column reason_enc set not null");
            ddl.execute("alter table views drop column safety_score");
            ddl.execute(REENCRYPTION_RULE);
        }
    }

    /** Each non-null plain value, as text, encrypted into its new column. */
    private static void encrypt(Connection db, FieldEncryption crypto, String table, String key, String owner,
            String plain, String encrypted) throws SQLException {
        String select = "select " + key + ", " + owner + ", cast(" + plain + " as text) from " + table + " where "
                + plain + " is not null";
        String update = "update " + table + " set " + encrypted + " = ? where " + key + " = ?";
        try (Statement read = db.createStatement(); ResultSet rows = read.executeQuery(select);
                PreparedStatement write = db.prepareStatement(update)) {
            int pending = 0;
            while (rows.next()) {
                UUID id = rows.getObject(1, UUID.class);
                UUID ownerId = rows.getObject(2, UUID.class);
                write.setBytes(1, crypto.encrypt(rows.getString(3), new Place(table, encrypted, id, ownerId)));
                write.setObject(2, id);
                write.addBatch();
                if (++pending == 500) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }

    /** V11's rule for re-encrypting a sent version, with the safety score among the ciphertexts it may change. */
    private static final String REENCRYPTION_RULE = """
            create or replace function views_is_reencryption(old views, new views) returns boolean
                language plpgsql immutable as $$
            declare
                columns constant text[] := array['good_things_enc', 'worries_enc', 'wishes_enc', 'who_with_me_enc',
                    'questions_for_chair_enc', 'tell_chair_first_enc', 'helper_name_enc', 'helper_role_enc',
                    'not_read_back_reason_enc', 'good_things_picture_text_enc', 'worries_picture_text_enc',
                    'wishes_picture_text_enc', 'safety_score_enc'];
                was bytea;
                now_ bytea;
                col text;
            begin
                if (to_jsonb(old) - columns) is distinct from (to_jsonb(new) - columns) then
                    return false;
                end if;
                foreach col in array columns loop
                    was := decode(substr(to_jsonb(old) ->> col, 3), 'hex');
                    now_ := decode(substr(to_jsonb(new) ->> col, 3), 'hex');
                    if (was is null) <> (now_ is null) then
                        return false;
                    end if;
                    if was is not null and was is distinct from now_
                       and (octet_length(was) <> octet_length(now_) or substr(was, 1, 5) = substr(now_, 1, 5)) then
                        return false;
                    end if;
                end loop;
                return true;
            end;
            $$""";
}
