package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smartmigration.runtime.MongoIdOrder.Bracket;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDbPointer;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/** Each BSON type's bracket, in MongoDB's documented sort order. */
class MongoIdOrderTest {

    @Test
    void bracketsFollowMongoDbsSortOrder_withNanBeforeTheOtherNumbers() {
        assertEquals(List.of("MIN_KEY", "NULL", "NAN", "NUMBER", "STRING", "OBJECT", "BINARY", "OBJECT_ID",
                "BOOLEAN", "DATE", "TIMESTAMP", "MAX_KEY"), Arrays.stream(Bracket.values()).map(Enum::name).toList());
    }

    @Test
    void everyBsonTypeAnIdMayHave_hasItsBracket_andTheRestHaveNone() {
        assertBracket(Bracket.MIN_KEY, new BsonMinKey());
        assertBracket(Bracket.NULL, BsonNull.VALUE);
        assertBracket(Bracket.NAN, new BsonDouble(Double.NaN));
        assertBracket(Bracket.NAN, new BsonDecimal128(Decimal128.NaN));
        assertBracket(Bracket.NUMBER, new BsonInt32(1));
        assertBracket(Bracket.NUMBER, new BsonInt64(1));
        assertBracket(Bracket.NUMBER, new BsonDouble(Double.NEGATIVE_INFINITY));
        assertBracket(Bracket.NUMBER, new BsonDecimal128(Decimal128.POSITIVE_INFINITY));
        assertBracket(Bracket.STRING, new BsonString("a"));
        assertBracket(Bracket.STRING, new BsonSymbol("a"));
        assertBracket(Bracket.OBJECT, new BsonDocument("a", new BsonInt32(1)));
        assertBracket(Bracket.BINARY, new BsonBinary(new byte[] {1}));
        assertBracket(Bracket.OBJECT_ID, new BsonObjectId());
        assertBracket(Bracket.BOOLEAN, BsonBoolean.TRUE);
        assertBracket(Bracket.DATE, new BsonDateTime(0));
        assertBracket(Bracket.TIMESTAMP, new BsonTimestamp(1, 1));
        assertBracket(Bracket.MAX_KEY, new BsonMaxKey());
        for (BsonValue odd : List.of(new BsonUndefined(), new BsonRegularExpression("a"), new BsonJavaScript("f()"),
                new BsonJavaScriptWithScope("f()", new BsonDocument()),
                new BsonDbPointer("db.c", new org.bson.types.ObjectId()))) {
            assertEquals(Optional.empty(), MongoIdOrder.bracketOf(odd), odd.getBsonType().name());
        }
    }

    private static void assertBracket(Bracket expected, BsonValue id) {
        assertEquals(Optional.of(expected), MongoIdOrder.bracketOf(id), id.toString());
    }
}
