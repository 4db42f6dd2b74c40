/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * A recruiter's day as an interviewer (see tests/test_ui_interview_day.py for the data): the
 * timer's phases and late markers, the figures of an interview that started late, the match
 * report's precision, meetings saved from the calendar, and the labels in Chinese.
 */

const tours = registry.category("web_tour.tours");

function fail(message) {
    throw new Error(message);
}

/** The text of the cell ``name`` in the list row of ``candidate``. */
function cellText(candidate, name) {
    const row = [...document.querySelectorAll(".o_list_view .o_data_row")].find((r) =>
        r.textContent.includes(candidate)
    );
    if (!row) {
        fail(`no row for ${candidate}`);
    }
    return row.querySelector(`td[name='${name}']`).textContent.trim();
}

function openCard(candidate) {
    return [
        {
            content: `Open the interview of ${candidate}`,
            trigger: `.o_kanban_record:contains(${candidate})`,
            run: "click",
        },
        {
            content: "Its form is open",
            trigger: `.o_form_view .o_breadcrumb:contains(${candidate})`,
        },
    ];
}

const backToKanban = [
    {
        content: "Back to the interviews",
        trigger: ".o_breadcrumb .breadcrumb-item a:contains(Interview Sessions)",
        run: "click",
    },
    { trigger: ".o_kanban_view .o_kanban_record" },
];

tours.add("hic_interview_day_timer", {
    steps: () => [
        {
            content: "A scheduled interview past its start is marked late on its card",
            trigger: ".o_kanban_record:contains(Lee Late) .badge.text-bg-danger:contains(Late)",
        },
        ...openCard("Olga Over"),
        {
            content: "Past the planned end: red, with the overtime",
            trigger: ".o_interview_timer[data-phase='over'][data-running='1'] .o_interview_timer_over:contains(+3)",
        },
        {
            content: "The running dot stays visible on the red badge",
            trigger: ".o_interview_timer[data-phase='over'] .o_interview_timer_pulse",
            run() {
                const dot = document.querySelector(".o_interview_timer_pulse");
                const badge = dot.closest(".badge");
                if (getComputedStyle(dot).color === getComputedStyle(badge).backgroundColor) {
                    fail("the running dot has the colour of its badge");
                }
            },
        },
        {
            content: "Its late start is said",
            trigger: ".o_interview_timer_late_start:contains(Started 5 min late)",
        },
        {
            content: "Two distinct buttons: close (the dialog) and end (the conversation)",
            trigger: "button[name='action_open_closing_wizard']:contains(Close Interview…)",
        },
        { trigger: "button[name='action_end']:contains(End Interview)" },
        {
            content: "The weak match and its suggestion are on the interview",
            trigger: ".o_field_widget[name='match_suggestion']:contains(Java)",
        },
        { trigger: "div[name='match'] .o_field_badge:contains(Low)" },
        ...backToKanban,
        ...openCard("Ann Amber"),
        {
            content: "Last minutes: amber, with the time left until the planned end",
            trigger:
                ".o_interview_timer[data-phase='amber'] .o_interview_timer_left:contains(left until the planned end)",
        },
        ...backToKanban,
        ...openCard("Leo Late-start"),
        {
            content: "Started twelve minutes after the planned start: said, and the time left is the slot's",
            trigger: ".o_interview_timer[data-phase='normal'] .o_interview_timer_late_start:contains(Started 12 min late)",
        },
        { trigger: ".o_interview_timer_left:contains(left until the planned end)" },
        ...backToKanban,
        ...openCard("Lee Late"),
        {
            content: "Not started after its planned start: late",
            trigger: ".o_interview_timer[data-late='1'] .o_interview_timer_not_started:contains(Not started:)",
        },
        ...backToKanban,
        {
            content: "The list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "A late interview is red in the list; one not held shows no minutes",
            trigger: ".o_list_view .o_data_row.text-danger:contains(Lee Late)",
            run() {
                for (const name of ["actual_duration", "overtime_minutes"]) {
                    if (cellText("Lee Late", name) !== "") {
                        fail(`${name} is shown for an interview not held`);
                    }
                }
                if (cellText("Dora Done", "actual_duration") !== "3") {
                    fail("the minutes held are not whole minutes");
                }
            },
        },
        {
            content: "Group by: the menu offers the interviewer, the applicant, the outcome, the date",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        { trigger: ".o_group_by_menu .o_menu_item:contains(Interviewer)" },
        { trigger: ".o_group_by_menu .o_menu_item:contains(Applicant)" },
        { trigger: ".o_group_by_menu .o_menu_item:contains(Outcome)" },
        { trigger: ".o_group_by_menu .o_menu_item:contains(Planned Start)" },
        { trigger: ".o_group_by_menu .o_menu_item:contains(Status)" },
        {
            content: "The calendar",
            trigger: ".o_switch_view.o_calendar",
            run: "click",
        },
        {
            content: "A 45-minute block shows its candidate, not only the time",
            trigger: ".o_calendar_view .fc-event:contains(Ann Amber)",
            run() {
                const event = [...document.querySelectorAll(".o_calendar_view .fc-event")].find((e) =>
                    e.textContent.includes("Ann Amber")
                );
                const title = event.querySelector(".o_event_title");
                const box = event.getBoundingClientRect();
                const line = title.getBoundingClientRect();
                if (line.top < box.top || line.top + 10 > box.bottom) {
                    fail("the candidate's name is outside the block");
                }
            },
        },
    ],
});

tours.add("hic_interview_day_figures", {
    steps: () => [
        {
            content: "The minutes add up, the late start said",
            trigger:
                ".o_hic_duration_summary:contains(45 min planned − 44 min late start + 2 min past the planned end = 3 min held)",
        },
        {
            content: "It ended after the planned end because it started late",
            trigger: ".o_hic_late_overrun:contains(Ended 2 min after the planned end because it started 44 min late)",
        },
        {
            content: "Three minutes held is no overtime ribbon",
            trigger: ".o_form_sheet:not(:has(.ribbon))",
        },
        { trigger: ".o_hic_late_start:contains(Late by 44 min)" },
    ],
});

tours.add("hic_interview_day_match_tab", {
    steps: () => [
        {
            content: "Open the match report",
            trigger: ".o_notebook a[name='match_report']",
            run: "click",
        },
        {
            content: "The score in one decimal, as the suggestion writes it",
            trigger: ".o_field_widget[name='match_score'] .o_progressbar_value:contains(27.8)",
        },
        { trigger: ".o_field_widget[name='match_suggestion']:contains(27.8 %)" },
        {
            content: "The contributions add up in one decimal too",
            trigger: ".o_field_widget[name='match_report_html'] tfoot:contains(27.8)",
            run() {
                const text = document.querySelector(".o_field_widget[name='match_report_html'] tfoot").textContent;
                if (text.includes("27.81")) {
                    fail("the sum has two decimals");
                }
                const score = document.querySelector(".o_field_widget[name='match_score']").textContent;
                if (score.includes("28 %") || !score.includes("27.8")) {
                    fail(`the score reads ${score}`);
                }
            },
        },
        {
            content: "The assessments are a button away, counted",
            trigger: ".oe_stat_button[name='action_open_assessments'] .o_stat_value:contains(1)",
        },
    ],
});

tours.add("hic_interview_day_no_requirements", {
    steps: () => [
        {
            content: "An applicant whose job has no requirements: no 0 % bar",
            trigger: ".o_list_view .o_data_row:contains(Nora Noreq) .o_hic_no_requirements:contains(No requirements)",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Li Tour) .o_field_widget[name='match_score']:contains(27.8)",
        },
    ],
});

tours.add("hic_interviewer_calendar_new_meeting", {
    steps: () => [
        {
            content: "Calendar ▸ New opens the full form",
            trigger: ".o-calendar-button-new",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Tour call without code",
        },
        {
            content: "No video code: save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_breadcrumb .active:contains(Tour call without code)",
        },
        { trigger: ".o_form_view:not(:has(.o_form_button_save:visible))" },
    ],
});

tours.add("hic_interviewer_applicant_meeting_with_code", {
    steps: () => [
        {
            content: "The applicant's Meeting button",
            trigger: ".o_form_view button[name='action_create_meeting']",
            run: "click",
        },
        {
            content: "New meeting from the applicant's calendar",
            trigger: ".o-calendar-button-new",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Li Tour – video interview",
        },
        {
            content: "One video code",
            trigger: ".o_form_view .o_field_widget[name='video_meeting_code'] input",
            run: "edit 987 654 321",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved, with its interview",
            trigger: ".o_form_view button[name='action_open_interview_session']",
        },
        { trigger: ".o_form_view:not(:has(.o_form_button_save:visible))" },
    ],
});

tours.add("hic_interview_day_zh_session", {
    steps: () => [
        {
            content: "Close (the dialog) and end (the conversation) read differently in Chinese",
            trigger: "button[name='action_open_closing_wizard']:contains(面试收尾…)",
        },
        {
            trigger: "button[name='action_end']:contains(结束谈话)",
            run() {
                const close = document.querySelector("button[name='action_open_closing_wizard']").textContent.trim();
                const end = document.querySelector("button[name='action_end']").textContent.trim();
                if (close === end) {
                    fail(`both buttons read ${close}`);
                }
            },
        },
        {
            content: "The late start, in Chinese",
            trigger: ".o_interview_timer_late_start:contains(迟开始 5 分钟)",
        },
        {
            content: "The suggestion names the levels in Chinese",
            trigger: ".o_field_widget[name='match_suggestion']:contains(高级):not(:contains(Advanced))",
        },
    ],
});

tours.add("hic_interview_day_zh_match_tab", {
    steps: () => [
        {
            trigger: ".o_notebook a[name='match_report']",
            run: "click",
        },
        {
            content: "The requirement level column is a level, not a mandatory field",
            trigger: ".o_field_widget[name='match_report_html'] th:contains(要求水平)",
        },
        { trigger: ".o_field_widget[name='match_report_html'] thead:not(:contains(必填))" },
        {
            content: "Level names in Chinese",
            trigger: ".o_field_widget[name='match_report_html'] tbody:contains(高级):contains(专家):contains(初级)",
        },
        { trigger: ".o_field_widget[name='match_report_html'] tbody:not(:contains(Advanced)):not(:contains(Beginner))" },
        {
            content: "English is named in the Chinese notes (英语一般)",
            trigger: ".o_field_widget[name='match_report_html'] tr:contains(英语) .fa-check",
        },
    ],
});
