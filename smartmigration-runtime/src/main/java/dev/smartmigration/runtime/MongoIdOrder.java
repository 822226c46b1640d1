package dev.smartmigration.runtime;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

/**
 * MongoDB's order of {@code _id} values across BSON types, as a walk pages through it.
 *
 * <p>MongoDB sorts values of different types by a fixed order of type brackets (MinKey, null, numbers, strings,
 * objects, binary data, ObjectId, booleans, dates, timestamps, MaxKey), but a comparison such as {@code $gt} only
 * matches values of the same bracket: {@code {_id: {$gt: <ObjectId>}}} never returns a string {@code _id}, so a
 * keyset loop that resumes with {@code $gt} over mixed types silently skips whole brackets. A walk therefore pages
 * one bracket at a time, each query bounded to its bracket, from the bracket of the lowest {@code _id} it walks to
 * that of the highest: found with the count of a filter's documents ({@link #match}), or by probing the whole
 * collection's edges ({@link #probe}).
 *
 * <p>NaN is its own bracket, before the other numbers: MongoDB sorts it below every number but {@code $gt}/{@code $lt}
 * never match it (mongo-java-server sorts it above them, and matches it with {@code $gt}: the bounded number
 * bracket excludes it on both). Strings and symbols share a bracket, as in MongoDB. Types that sort outside these
 * brackets (JavaScript code, DBPointer; and regular expressions and {@code undefined}, which MongoDB refuses as an
 * {@code _id} but legacy data or other servers may hold) are refused before the walk starts.
 */
final class MongoIdOrder {

    private MongoIdOrder() {
    }

    /** The brackets, in MongoDB's sort order. */
    enum Bracket {
        MIN_KEY(type("minKey"), true),
        NULL(type("null"), true),
        NAN(new BsonDocument("$eq", new BsonDouble(Double.NaN)), true),
        NUMBER(new BsonDocument("$gte", new BsonDouble(Double.NEGATIVE_INFINITY))
                .append("$lte", new BsonDouble(Double.POSITIVE_INFINITY)), false),
        STRING(new BsonDocument("$gte", new BsonString("")), false),
        OBJECT(type("object"), false),
        BINARY(type("binData"), false),
        OBJECT_ID(type("objectId"), false),
        BOOLEAN(type("bool"), false),
        DATE(type("date"), false),
        TIMESTAMP(type("timestamp"), false),
        MAX_KEY(type("maxKey"), true);

        private final BsonDocument condition;
        private final boolean single;

        Bracket(BsonDocument condition, boolean single) {
            this.condition = condition;
            this.single = single;
        }

        /**
         * The condition on {@code _id} of a batch of this bracket. The first batch is bounded to the bracket (by
         * type, or by a range that spans it). After it, {@code $gt} alone keeps the query in the bracket, since a
         * comparison matches only values of its own bracket: the query is then the one a hand-written keyset loop
         * sends, and a server checks no type (mongo-java-server, which answers ranges by scanning, would check it
         * for every document). Numbers keep their upper bound: mongo-java-server sorts NaN above the numbers and
         * matches it with {@code $gt}.
         *
         * @param after the last {@code _id} already walked in this bracket, or {@code null} for its start
         * @return the condition on {@code _id} that matches this bracket's values after {@code after}
         */
        BsonDocument condition(BsonValue after) {
            if (after == null) {
                return condition.clone();
            }
            BsonDocument c = new BsonDocument("$gt", after);
            if (this == NUMBER) {
                c.append("$lte", new BsonDouble(Double.POSITIVE_INFINITY));
            }
            return c;
        }

        /** @return whether the bracket holds at most one {@code _id} (a unique index keeps one MinKey, null, NaN, MaxKey) */
        boolean single() {
            return single;
        }

        private static BsonDocument type(String alias) {
            return new BsonDocument("$type", new BsonString(alias));
        }
    }

    /**
     * The brackets a walk visits.
     *
     * @param first the bracket of the lowest {@code _id}
     * @param last  the bracket of the highest
     */
    record Range(Bracket first, Bracket last) {
    }

    /**
     * @param id an {@code _id} value
     * @return its bracket, or empty for a type a walk cannot page through
     */
    static Optional<Bracket> bracketOf(BsonValue id) {
        switch (id.getBsonType()) {
            case MIN_KEY:
                return Optional.of(Bracket.MIN_KEY);
            case NULL:
                return Optional.of(Bracket.NULL);
            case INT32:
            case INT64:
                return Optional.of(Bracket.NUMBER);
            case DOUBLE:
                return Optional.of(Double.isNaN(id.asDouble().getValue()) ? Bracket.NAN : Bracket.NUMBER);
            case DECIMAL128:
                return Optional.of(id.asDecimal128().getValue().isNaN() ? Bracket.NAN : Bracket.NUMBER);
            case STRING:
            case SYMBOL:
                return Optional.of(Bracket.STRING);
            case DOCUMENT:
                return Optional.of(Bracket.OBJECT);
            case BINARY:
                return Optional.of(Bracket.BINARY);
            case OBJECT_ID:
                return Optional.of(Bracket.OBJECT_ID);
            case BOOLEAN:
                return Optional.of(Bracket.BOOLEAN);
            case DATE_TIME:
                return Optional.of(Bracket.DATE);
            case TIMESTAMP:
                return Optional.of(Bracket.TIMESTAMP);
            case MAX_KEY:
                return Optional.of(Bracket.MAX_KEY);
            default:
                return Optional.empty();
        }
    }

    /**
     * Finds the brackets the collection's {@code _id}s span, from its lowest and highest {@code _id} (two to four
     * queries of one {@code _id} each, answered from the {@code _id} index), and refuses types a walk cannot page.
     * A type MongoDB sorts outside the walkable brackets sorts below null or above timestamps, so it is the lowest
     * or highest {@code _id} once MinKey and MaxKey are set aside.
     *
     * @param collection the whole collection (no filter)
     * @param walk       the walk's name, for the message
     * @param stepId     the step, for the message
     * @return the brackets to visit, or empty when the collection is empty
     * @throws SmartMigrationException {@link ErrorCode#UNSUPPORTED_ID_TYPE}
     */
    static Optional<Range> probe(MongoCollection<?> collection, String walk, String stepId) {
        MongoCollection<BsonDocument> ids = collection.withDocumentClass(BsonDocument.class);
        BsonValue lowest = edge(ids, new BsonDocument(), true);
        if (lowest == null) {
            return Optional.empty();
        }
        BsonValue highest = edge(ids, new BsonDocument(), false);
        BsonValue lowestInner = lowest.getBsonType() == BsonType.MIN_KEY
                ? edge(ids, new BsonDocument("_id", new BsonDocument("$gt", new BsonMinKey())), true) : lowest;
        BsonValue highestInner = highest.getBsonType() == BsonType.MAX_KEY
                ? edge(ids, new BsonDocument("_id", new BsonDocument("$lt", new BsonMaxKey())), false) : highest;
        for (BsonValue id : new BsonValue[] {lowestInner, highestInner}) {
            if (id != null && bracketOf(id).isEmpty()) {
                throw unsupported(collection, walk, stepId, id);
            }
        }
        return Optional.of(range(lowest, highest));
    }

    /**
     * What one aggregation tells about the documents a filter matches.
     *
     * @param count how many match
     * @param range the brackets their {@code _id}s span: empty when none match, {@code null} when the aggregation
     *              cannot tell (a MinKey, null or MaxKey {@code _id} among them hides the next bracket's edge)
     */
    record Matched(long count, Optional<Range> range) {
    }

    /**
     * Counts the documents a filter matches and finds the brackets their {@code _id}s span, in one aggregation
     * ({@code $match}, then {@code $group} with {@code $sum}, {@code $min} and {@code $max} of {@code _id}): the
     * pipeline {@code countDocuments} sends, with more accumulators, so the walk's start costs one pass over the
     * matching documents. {@code $min} and {@code $max} compare across types in MongoDB's order, but skip null;
     * a fourth accumulator counts the {@code _id}s that sort at or below null (MinKey, null), for which the range
     * is left to {@link #probe}, as it is when the highest is MaxKey.
     *
     * @param collection the collection
     * @param filter     the walk's filter
     * @param timeLimit  how long the server may take ({@code maxTimeMS})
     * @param walk       the walk's name, for the message
     * @param stepId     the step, for the message
     * @return the count and the range
     * @throws com.mongodb.MongoExecutionTimeoutException when the server took longer than {@code timeLimit}
     * @throws SmartMigrationException {@link ErrorCode#UNSUPPORTED_ID_TYPE} when a matching document has an
     *         {@code _id} of a type a walk cannot page
     */
    static Matched match(MongoCollection<?> collection, Bson filter, Duration timeLimit, String walk, String stepId) {
        BsonDocument group = new BsonDocument("_id", BsonNull.VALUE)
                .append("n", new BsonDocument("$sum", new BsonInt32(1)))
                .append("first", new BsonDocument("$min", new BsonString("$_id")))
                .append("last", new BsonDocument("$max", new BsonString("$_id")))
                .append("low", new BsonDocument("$sum", new BsonDocument("$cond", new BsonArray(List.of(
                        new BsonDocument("$lte", new BsonArray(List.of(new BsonString("$_id"), BsonNull.VALUE))),
                        new BsonInt32(1), new BsonInt32(0))))));
        BsonDocument result = collection.withDocumentClass(BsonDocument.class)
                .aggregate(List.of(Aggregates.match(filter), new BsonDocument("$group", group)))
                .maxTime(timeLimit.toMillis(), TimeUnit.MILLISECONDS).first();
        if (result == null) {
            return new Matched(0, Optional.empty());
        }
        long count = result.getNumber("n").longValue();
        BsonValue first = result.get("first");
        BsonValue last = result.get("last");
        if (result.getNumber("low").longValue() > 0 || first == null || first.isNull()
                || last.getBsonType() == BsonType.MAX_KEY) {
            return new Matched(count, null);
        }
        for (BsonValue id : new BsonValue[] {first, last}) {
            if (bracketOf(id).isEmpty()) {
                throw unsupported(collection, walk, stepId, id);
            }
        }
        return new Matched(count, Optional.of(range(first, last)));
    }

    private static Range range(BsonValue lowest, BsonValue highest) {
        Bracket first = bracketOf(lowest).orElseThrow();
        Bracket last = bracketOf(highest).orElseThrow();
        return new Range(first == Bracket.NUMBER ? Bracket.NAN : first, last == Bracket.NAN ? Bracket.NUMBER : last);
    }

    private static BsonValue edge(MongoCollection<BsonDocument> ids, Bson filter, boolean lowest) {
        BsonDocument doc = ids.find(filter).projection(Projections.include("_id"))
                .sort(lowest ? Sorts.ascending("_id") : Sorts.descending("_id")).limit(1).first();
        return doc == null ? null : doc.get("_id");
    }

    private static SmartMigrationException unsupported(MongoCollection<?> collection, String walk, String stepId,
                                                       BsonValue id) {
        String type = id.getBsonType().name();
        return new SmartMigrationException(ErrorCode.UNSUPPORTED_ID_TYPE, "step \"" + stepId + "\" cannot walk "
                + collection.getNamespace().getFullName() + " (walk \"" + walk + "\") in _id order: it holds an _id of "
                + "BSON type " + type + " (" + new BsonDocument("_id", id).toJson() + "), which "
                + "sorts outside the brackets a walk pages through (MinKey, null, numbers, strings, objects, binary "
                + "data, ObjectId, booleans, dates, timestamps, MaxKey). Nothing was walked. Give those documents an "
                + "_id of a supported type, or walk them with your own loop.",
                Map.of("step", stepId, "walk", walk, "collection", collection.getNamespace().getFullName(),
                        "idType", type), null);
    }
}
