package smap.analytics.adapter.web.console;

/** What every console page shows around its content: title, user, role, CSRF token, active tab. */
public record Chrome(String title, String user, boolean operator, String csrf, String active) {}
