package io.onex.engine.samples.services;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * An SMTP server that keeps every mail it receives, the sample's stand-in for a mail provider: the
 * onboarding workflow's welcome mails go out through the engine's notification handler and land
 * here, to be read at {@code GET /mails} of the sample services.
 */
final class SampleMailbox implements AutoCloseable {

  /** One received mail. */
  record Mail(String to, String subject, String text, String messageId) {}

  private final GreenMail server;

  SampleMailbox(String host, int port) {
    ServerSetup setup = new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP);
    this.server = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
    server.start();
  }

  int port() {
    return server.getSmtp().getPort();
  }

  List<Mail> mails() {
    return Arrays.stream(server.getReceivedMessages()).map(SampleMailbox::read).toList();
  }

  private static Mail read(MimeMessage message) {
    try {
      return new Mail(
          message.getAllRecipients()[0].toString(),
          message.getSubject(),
          String.valueOf(message.getContent()).trim(),
          message.getMessageID());
    } catch (MessagingException e) {
      throw new IllegalStateException("Unreadable mail: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
