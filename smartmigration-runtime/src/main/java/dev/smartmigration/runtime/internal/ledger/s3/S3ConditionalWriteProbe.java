package dev.smartmigration.runtime.internal.ledger.s3;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.ledger.s3.S3ConditionalObject.Condition;
import dev.smartmigration.runtime.internal.ledger.s3.S3ConditionalObject.Outcome;
import dev.smartmigration.runtime.internal.ledger.s3.S3ConditionalObject.Version;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Checks, on a small object beside the ledger, that a store honours every conditional write the ledger relies on,
 * and learns the form of {@code If-Match} the store accepts ({@link IfMatchForm}). The checks, in order:
 * <ol>
 *   <li>create-if-absent: a {@code PUT If-None-Match: *} of the probe object, which exists by then, is refused;
 *   <li>a matching {@code If-Match} is accepted: a {@code PUT} conditioned on the object's current ETag lands,
 *       quoted or, if the store refuses the quoted form while the object is unchanged, unquoted;
 *   <li>a stale {@code If-Match} is refused: a {@code PUT} conditioned on the ETag the object had before that write.
 * </ol>
 * The ledger sends no {@code DELETE}, so no conditional delete is checked. Every write goes through
 * {@link S3ConditionalObject}, so a lost reply or a {@code 5xx} is settled by reading back, as for the ledger.
 * Instances starting together probe the same object: a check that another prober's write disturbed is repeated.
 *
 * <pre>{@code
 * S3ConditionalWriteProbe.Result result = new S3ConditionalWriteProbe(s3, bucket, ".smartmigration/app.probe",
 *         Map.of("bucket", bucket)).run();
 * if (!result.failures().isEmpty()) { ... }  // e.g. "If-Match is ignored: a PUT with If-Match: ..."
 * IfMatchForm form = result.ifMatchForm();    // QUOTED on Amazon S3, UNQUOTED on Ceph RGW 16.2
 * }</pre>
 */
final class S3ConditionalWriteProbe {

    private static final Logger LOG = LoggerFactory.getLogger(S3ConditionalWriteProbe.class);
    /** Each disturbed round has a winner that then stops writing, so this many probers can start together. */
    private static final int ROUNDS = 32;
    private static final Pattern WRITE_ID = Pattern.compile("\"writeId\":\"([^\"]*)\"");

    private final S3ConditionalObject<String> object;
    private final Map<String, String> details;

    /**
     * @param key     the probe object's key
     * @param details the details every error carries
     */
    S3ConditionalWriteProbe(S3Client s3, String bucket, String key, Map<String, String> details) {
        this.object = new S3ConditionalObject<>(s3, bucket, key, "the conditional-write probe object",
                new S3ConditionalObject.Format<>() {
                    @Override
                    public String decode(byte[] bytes) {
                        return new String(bytes, StandardCharsets.UTF_8);
                    }

                    @Override
                    public String writeId(String text) {
                        Matcher m = WRITE_ID.matcher(text);
                        return m.find() ? m.group(1) : null;
                    }
                }, details);
        this.details = Map.copyOf(details);
    }

    /**
     * What the probe found.
     *
     * @param ifMatchForm the {@code If-Match} form the store accepted, {@code null} when it refused every form
     * @param failures    each check the store failed, in words; empty when it passed them all
     */
    record Result(IfMatchForm ifMatchForm, List<String> failures) {

        Result {
            failures = List.copyOf(failures);
        }
    }

    /**
     * Runs the checks: three {@code PUT}s, one more where the store takes {@code If-Match} only unquoted, and one
     * more the first time, each refusal followed by a {@code GetObject} that settles it.
     *
     * @return what the store honours
     * @throws SmartMigrationException {@code LEDGER_UNAVAILABLE} when the store cannot be reached or answers
     *                                 with an error, or the probe object keeps being changed by other probers
     */
    Result run() {
        List<String> failures = new ArrayList<>();
        // Refused at once when an earlier probe left the object; otherwise it creates it, and a second try must be
        // refused.
        Outcome<String> create = write(Condition.absent());
        if (create.written()) {
            create = write(Condition.absent());
            if (create.written()) {
                failures.add("create-if-absent is ignored: a PUT with If-None-Match: * replaced the existing object "
                        + object.location());
            }
        }
        Version<String> seen = create.written() ? object.read() : create.current();
        // A form refused while the object kept its ETag is refused for good; one refused because another prober
        // changed the object in between is tried again on the new ETag.
        List<IfMatchForm> untried = new ArrayList<>(List.of(IfMatchForm.values()));
        for (int round = 1; round <= ROUNDS; round++) {
            if (!seen.exists()) {
                write(Condition.absent());
                seen = object.read();
                continue;
            }
            Version<String> changed = null;
            for (Iterator<IfMatchForm> forms = untried.iterator(); forms.hasNext() && changed == null; ) {
                IfMatchForm form = forms.next();
                Outcome<String> replace = write(Condition.matching(seen.etag(), form));
                if (replace.written()) {
                    LOG.debug("{} accepts If-Match in the {} form", object.location(), form);
                    checkStaleIfMatchRefused(seen.etag(), form, failures);
                    return new Result(form, failures);
                }
                if (replace.current().sameAs(seen)) {
                    forms.remove();
                } else {
                    changed = replace.current();
                }
            }
            if (untried.isEmpty()) {
                failures.add("a matching If-Match is refused: PUTs with If-Match of the object's current ETag, "
                        + "quoted (" + IfMatchForm.QUOTED.render(seen.etag()) + ") and unquoted, were refused "
                        + "while " + object.location() + " still had that ETag");
                return new Result(null, failures);
            }
            seen = changed;
            pause();
        }
        throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                "the conditional-write probe object " + object.location() + " changed under each of " + ROUNDS
                        + " attempts to check If-Match: more instances than that are starting at once, or "
                        + "something else writes it. Retry.",
                new LinkedHashMap<>(details), null);
    }

    private void checkStaleIfMatchRefused(String staleEtag, IfMatchForm form, List<String> failures) {
        if (write(Condition.matching(staleEtag, form)).written()) {
            failures.add("If-Match is ignored: a PUT with If-Match: " + form.render(staleEtag) + " replaced "
                    + object.location() + " although its ETag had changed");
        }
    }

    private Outcome<String> write(Condition condition) {
        String writeId = UUID.randomUUID().toString();
        byte[] body = ("{\"format\":\"smartmigration-probe\",\"writeId\":\"" + writeId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return object.put(body, Map.of(), writeId, condition);
    }

    private void pause() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(5, 50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                    "interrupted while checking the store's conditional writes", new LinkedHashMap<>(details), e);
        }
    }
}
