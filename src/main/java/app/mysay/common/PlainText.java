package app.mysay.common;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Text that comes in, in one place: no control character (NUL and the rest of C0 and DEL, and C1) in any JSON string
 * of any request body, nor in a query or path parameter; tab, line feed and carriage return are words' own and
 * allowed. PostgreSQL cannot store NUL in text, so without this a NUL in an e-mail address or a name reached the
 * database and answered 500 (which an anonymous caller could use to trip the server-error alert); now it is a 400
 * validation problem naming the field.
 */
public final class PlainText {

    private PlainText() {
    }

    /** True when the text has a character no answer, name or reference may hold. */
    public static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }

    static final String REASON = "has a character that cannot be used here (a control character): remove it";

    /** Refused where a JSON string is read; the problem names the field, as every validation problem does. */
    public static final class ControlCharacter extends InvalidFormatException {
        private static final long serialVersionUID = 1L;

        ControlCharacter(JsonParser parser) {
            // Never the value itself: it is the caller's text.
            super(parser, "A control character in a string", null, String.class);
        }
    }

    static final class Strings extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && hasControlCharacter(text)) {
                throw new ControlCharacter(parser);
            }
            return text;
        }
    }

    @Singleton
    public static class Json implements ObjectMapperCustomizer {
        @Override
        public void customize(ObjectMapper mapper) {
            mapper.registerModule(new SimpleModule("mysay-plain-text").addDeserializer(String.class, new Strings()));
        }
    }

    /** Query and path parameters, before any resource reads them. */
    public static class Parameters {
        @ServerRequestFilter
        public void refuseControlCharacters(ContainerRequestContext request) {
            check(request.getUriInfo().getQueryParameters());
            check(request.getUriInfo().getPathParameters());
        }

        private static void check(MultivaluedMap<String, String> parameters) {
            for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
                if (hasControlCharacter(parameter.getKey())
                        || parameter.getValue().stream().anyMatch(PlainText::hasControlCharacter)) {
                    throw ApiProblem.invalid(hasControlCharacter(parameter.getKey()) ? "query" : parameter.getKey(),
                            REASON);
                }
            }
        }
    }
}
