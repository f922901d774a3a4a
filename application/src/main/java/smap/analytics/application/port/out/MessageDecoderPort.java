package smap.analytics.application.port.out;

import smap.analytics.domain.message.DecodedBody;

/** Outgoing port: decode a stored message body exactly as the consumer decodes a delivery. */
public interface MessageDecoderPort {

  DecodedBody decode(byte[] body);
}
