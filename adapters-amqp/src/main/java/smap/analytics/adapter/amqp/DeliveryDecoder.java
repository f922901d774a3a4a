package smap.analytics.adapter.amqp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import smap.analytics.domain.message.DecodedBody;

/** Decodes a message body: strict UTF-8, then JSON with lossless numbers (19-digit ids survive). */
final class DeliveryDecoder {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Largest envelope read: a data.collected event is well under 1 KiB; its items live in S3. */
  static final int MAX_ENVELOPE_BYTES = 1024 * 1024;

  private DeliveryDecoder() {}

  static DecodedBody decode(byte[] body) {
    if (body.length > MAX_ENVELOPE_BYTES) {
      return new DecodedBody.Undecodable(
          "envelope: " + body.length + " bytes, limit " + MAX_ENVELOPE_BYTES);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (MalformedInputException e) {
      return new DecodedBody.Undecodable(
          "not valid UTF-8 (" + e.getInputLength() + " bad byte(s))");
    } catch (CharacterCodingException e) {
      return new DecodedBody.Undecodable("not valid UTF-8: " + e.getMessage());
    }
    if (text.isBlank()) {
      return new DecodedBody.Undecodable("empty message");
    }
    try {
      return new DecodedBody.Json(JSON.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      return new DecodedBody.Undecodable("not valid JSON" + where + ": " + e.getOriginalMessage());
    }
  }
}
