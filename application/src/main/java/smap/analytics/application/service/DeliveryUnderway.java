package smap.analytics.application.service;

import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.domain.flag.FlagSnapshot;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.project.ProjectResolution;

/**
 * What the service knows of a delivery once it is classified: the command, the event's context, its
 * resolved project and the flags it runs under. Whatever is recorded about it needs these.
 */
record DeliveryUnderway(
    ProcessDeliveryCommand command,
    EventContext context,
    ProjectResolution project,
    FlagSnapshot snapshot) {}
