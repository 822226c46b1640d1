package dev.smartmigration.runtime;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
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
 * one bracket at a time, each query bounded to its bracket, from the bracket of the collection's lowest {@code _id}
 * to that of its highest.
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
         * @param after the last {@code _id} already walked in this bracket, or {@code null} for its start
         * @return the condition on {@code _id} that matches this bracket's values after {@code after}
         */
        BsonDocument condition(BsonValue after) {
            BsonDocument c = condition.clone();
            if (after != null) {
                c.append("$gt", after);
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
        Bracket first = bracketOf(lowest).orElseThrow();
        Bracket last = bracketOf(highest).orElseThrow();
        return Optional.of(new Range(first == Bracket.NUMBER ? Bracket.NAN : first,
                last == Bracket.NAN ? Bracket.NUMBER : last));
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
