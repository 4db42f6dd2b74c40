/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * From an applicant: open its interview, start it, watch the timer run, tick the closing
 * checklist, end the interview and finish it.
 */
registry.category("web_tour.tours").add("hr_interview_closing_session_tour", {
    steps: () => [
        {
            content: "Open the applicant's interview from its smart button",
            trigger: ".o_form_view .o-form-buttonbox button[name='action_open_interview_sessions']",
            run: "click",
        },
        {
            content: "The session is scheduled and its timer waits",
            trigger: ".o_form_view .o_interview_timer[data-running='0'] .o_interview_timer_clock:contains(--:--)",
        },
        {
            content: "Start the interview",
            trigger: ".o_form_view button[name='action_start']",
            run: "click",
        },
        {
            content: "The timer runs",
            trigger: ".o_form_view .o_interview_timer[data-running='1'][data-phase='normal']",
        },
        {
            // any second from the second one on: on a busy machine the form may first show
            // 00:03, or a tick may come late and skip a second
            content: "…and counts the seconds",
            trigger: ".o_interview_timer_clock:contains(/00:0[2-9]|00:[1-5][0-9]/)",
            timeout: 30000,
        },
        {
            content: "Tick: next steps and timeline told",
            trigger: ".o_field_widget[name='checklist_line_ids'] .o_data_row:nth-child(1) .o_field_boolean_toggle input",
            run: "click",
        },
        {
            content: "Tick: the candidate's questions invited",
            trigger: ".o_field_widget[name='checklist_line_ids'] .o_data_row:nth-child(2) .o_field_boolean_toggle input",
            run: "click",
        },
        {
            content: "Tick: closing notes written",
            trigger: ".o_field_widget[name='checklist_line_ids'] .o_data_row:nth-child(3) .o_field_boolean_toggle input",
            run: "click",
        },
        {
            content: "Write the closing notes",
            trigger: ".o_notebook .nav-link:contains(Closing Notes)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='closing_notes'] .odoo-editor-editable",
            run: "editor Strong on Java; asked about remote work.",
        },
        {
            content: "End the interview",
            trigger: ".o_form_view button[name='action_end']",
            run: "click",
        },
        {
            content: "The timer has stopped",
            trigger: ".o_form_view .o_interview_timer[data-running='0'] .fa-stop",
        },
        {
            content: "Finish",
            trigger: ".o_form_view button[name='action_done']",
            run: "click",
        },
        {
            content: "The interview is done",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
    ],
});
