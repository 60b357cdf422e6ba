package dev.caravan.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.store.AttributeDeclaration;
import dev.caravan.store.DeclaredType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** create_table's attributes list: what it declares, and the 400s for a list that makes no sense. */
class AttributeDeclarationsTest {
    private static List<AttributeDeclaration> of(String json) {
        try {
            return AttributeDeclarations.of(HarperJson.parse(json.replace('\'', '"')), "id");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @Test
    void declaresNamesTypesAndNullability() {
        assertEquals(List.of(new AttributeDeclaration("id", DeclaredType.INT, null),
                        new AttributeDeclaration("zip", DeclaredType.STRING, false),
                        new AttributeDeclaration("age", DeclaredType.INT, true),
                        new AttributeDeclaration("note", null, null)),
                of("[{'name':'id','type':'Int'},{'name':'zip','type':'String','nullable':false},"
                        + "{'name':'age','type':'int','nullable':true},{'name':'note'}]"));
    }

    @Test
    void typeNamesAreCaseInsensitive() {
        for (String name : new String[] {"Float", "float", "FLOAT", "fLoAt"}) {
            assertEquals(DeclaredType.FLOAT, of("[{'name':'f','type':'" + name + "'}]").get(0).type());
        }
    }

    @Test
    void withoutTheFieldTheTableIsUntyped() {
        assertNull(AttributeDeclarations.of(null, "id"));
        assertEquals(List.of(), of("[]"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "'x'|'attributes' must be an array of objects with a name and a type",
        "{'name':'x'}|'attributes' must be an array of objects with a name and a type",
        "['x']|'attributes[0]' must be an object with a name and a type",
        "[{'type':'Int'}]|Attribute name is required",
        "[{'name':5,'type':'Int'}]|'attributes[0].name' must be a string",
        "[{'name':'a/b','type':'Int'}]|Attribute names cannot include backticks or forward slashes",
        "[{'name':'','type':'Int'}]|Invalid attribute name: ''",
        "[{'name':'__createdtime__','type':'Int'}]|attribute '__createdtime__' is a record timestamp and cannot be declared",
        "[{'name':'x','type':'Int'},{'name':'x','type':'String'}]|attribute 'x' is declared more than once",
        "[{'name':'x','type':'Strin'}]|unknown type 'Strin' for attribute 'x': the types are String, Int, Long, Float, Boolean, Date or Any",
        "[{'name':'x','type':'BigInt'}]|type 'BigInt' of attribute 'x' is not supported by Caravan: the types are String, Int, Long, Float, Boolean, Date or Any",
        "[{'name':'x','type':5}]|'attributes[0].type' must be a string",
        "[{'name':'x','type':'Int','nullable':'no'}]|'attributes[0].nullable' must be true or false",
        "[{'name':'id','type':'Boolean'}]|primary key 'id' cannot be of type Boolean: a primary key is a String, Int, Long, Float or Any",
        "[{'name':'id','type':'Date'}]|primary key 'id' cannot be of type Date: a primary key is a String, Int, Long, Float or Any",
    })
    void refusesWithA400(String attributes, String message) {
        HarperException e = assertThrows(HarperException.class, () -> of(attributes));
        assertEquals(400, e.status());
        assertEquals(message, e.getMessage());
    }
}
