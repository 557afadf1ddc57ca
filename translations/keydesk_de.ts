<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Keydesk::Core</name>
    <message>
        <location filename="../core/domain/AccessDecision.cpp" line="+21"/>
        <source>%1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>key %1 is REVOKED since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>key %1 is REVOKED since %2 by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>key %1 is REVOKED since %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key %1 is REVOKED since %2 by %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>one-time key %1 already used on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>key %1 is EXPIRED: ended %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>key %1 is UPCOMING: starts %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>key %1: outside schedule %2; next window starts %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>key %1: outside schedule %2; no window starts before the key ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>with no end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>one-time key %1 (%2, not used yet) allows access %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>key %1 (%2) allows access inside schedule %3 (%4) %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>key %1 (%2) allows access %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Unknown user state &quot;%1&quot;. Use one of: active, delinquent, suspended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>account is delinquent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>account is suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>this lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no digital key for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>phone is %1 from the facility (geofence %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>phone is on site, %1 from the facility centre (geofence %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>phone sent no location, so on-site presence was not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/domain/AccessWindow.cpp" line="+220"/>
        <source>Window %1 has a missing or invalid start or end time. Use whole minutes, such as 08:00 or 17:30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Window %1 (%2) applies to no day. Choose at least one day of the week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Window %1 (%2) starts and ends at the same time. Choose an end time after the start; an end before the start makes the window run past midnight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Window %1 (%2) and window %3 (%4) overlap on %5. Change or remove one of them so that no time is in both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/domain/DigitalKey.cpp" line="+29"/>
        <source>Unknown %1 &quot;%2&quot;. Use one of: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+132"/>
        <source>The key has no lock. Choose the lock it opens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key has no user. Choose who receives it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The key has no start date and time. Enter when it becomes valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The key ends before or when it starts. Choose an end after the start, or leave the end empty for a key without end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A scheduled key needs at least one weekly window. Add a window, or choose no time restriction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only scheduled keys have weekly windows. Choose the &quot;scheduled&quot; restriction or remove the windows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only one-time keys can be marked as used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/domain/QuickClick.cpp" line="+22"/>
        <source>Quick-click code &quot;%1&quot; contains &quot;%2&quot;. Use only 0 (short press) and 1 (long press).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Quick-click code &quot;%1&quot; has %2 presses. Use at least %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Quick-click code &quot;%1&quot; has %2 presses. Use at most %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 uses is not possible. Choose 1 to %2 uses, or %3 for unlimited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Quick-click code %1 is already on this lock (or its removal has not reached the lock yet). Choose another code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This lock already holds %1 quick-click codes, the most it can store. Revoke one first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Core::ApiClient</name>
    <message>
        <location filename="../core/client/ApiClient.cpp" line="+62"/>
        <source>Cannot read the CA file %1 (%2); choose a readable PEM file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 holds no PEM certificate; choose the CA certificate file (-----BEGIN CERTIFICATE-----).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The server at %1 answered something that is not Keydesk&apos;s JSON (%2). Check that the address points at a Keydesk server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The server accepted the login but sent no session token; check that the address points at a Keydesk server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+76"/>
        <source>The server&apos;s change feed is not in the expected format (%1); the server and this Keydesk may be different versions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Core::Battery</name>
    <message>
        <location filename="../core/domain/Battery.cpp" line="+53"/>
        <source>OK</source>
        <extracomment>Battery level</extracomment>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>low</source>
        <extracomment>Battery level</extracomment>
        <translation>schwach</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>replace now</source>
        <extracomment>Battery level: the lock may stop opening</extracomment>
        <translation>sofort tauschen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown</source>
        <extracomment>Battery voltage never reported by the lock</extracomment>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%L1 V</source>
        <extracomment>A battery voltage, e.g. &quot;2.97 V&quot; (%L1: the locale&apos;s decimal separator)</extracomment>
        <translation>%L1 V</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 — %2</source>
        <extracomment>Battery voltage with its state, e.g. &quot;2.90 V — low&quot; or &quot;2.85 V — replace now&quot;</extracomment>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>Keydesk::Core::FacilityZone</name>
    <message>
        <location filename="../core/domain/FacilityZone.cpp" line="+44"/>
        <source>Unknown time zone &quot;%1&quot;. Use an IANA time zone id such as &quot;Europe/Berlin&quot; or &quot;America/New_York&quot; (letter case matters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+101"/>
        <source>(no time)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Core::KeysModel</name>
    <message>
        <location filename="../core/models/KeysModel.cpp" line="+170"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock</source>
        <extracomment>Column header: the smart lock (or lock group) the key opens</extracomment>
        <translation type="unfinished">Schloss</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation type="unfinished">Benutzer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Role</source>
        <extracomment>Column header: USER or ADMIN on the lock</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Schedule</source>
        <extracomment>Column header: when the key opens: 24/7, one time, or weekly windows such as Mon–Fri 08:00–17:00</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+495"/>
        <source>%1 (facility time, %2)</source>
        <extracomment>Tooltip of a key&apos;s weekly windows: they are wall-clock times of the facility&apos;s time zone</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-493"/>
        <source>Valid from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <extracomment>Column header: ACTIVE / UPCOMING / EXPIRED / REVOKED</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+426"/>
        <source>%1 (group)</source>
        <extracomment>A key given to a whole group of locks or users: &quot;&lt;group name&gt; (group)&quot;</extracomment>
        <translation>%1 (Gruppe)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No end</source>
        <extracomment>A key without an end date</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (revoking…)</source>
        <extracomment>A revocation sent but not yet confirmed by the server</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Core::LocksModel</name>
    <message>
        <location filename="../core/models/FacilityModels.cpp" line="+106"/>
        <source>Ready</source>
        <extracomment>Lock setup state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Awaiting setup</source>
        <extracomment>Lock setup state</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Core::Models</name>
    <message>
        <location filename="../core/models/ModelText.cpp" line="+24"/>
        <source>%1 – %2</source>
        <extracomment>An uncertain event time: between the two instants</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Active</source>
        <extracomment>Digital key status</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upcoming</source>
        <extracomment>Digital key status</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expired</source>
        <extracomment>Digital key status</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoked</source>
        <extracomment>Digital key status</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>One time (used %1)</source>
        <extracomment>Schedule column: a one-time key that was used; %1 is when, e.g. &quot;Tue 24 Nov 14:02&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>24/7</source>
        <extracomment>Schedule column: a key without restriction opens at any time</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One time</source>
        <extracomment>Schedule column: a key that opens once (not used yet)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scheduled</source>
        <extracomment>Schedule column: weekly windows that could not be read</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Core::OfflineKeySummary</name>
    <message>
        <location filename="../core/domain/OfflineKey.cpp" line="+21"/>
        <source>Never issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Core::RecordTableModel</name>
    <message>
        <location filename="../core/models/FacilityModels.cpp" line="-89"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MAC address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <comment>lock setup state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Battery (mV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firmware</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Code</source>
        <comment>quick-click code</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+15"/>
        <source>Lock</source>
        <translation type="unfinished">Schloss</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Uses left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <comment>activity log event</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tracking key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <comment>audit log entry</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entity id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Core::StaffRole</name>
    <message>
        <location filename="../core/domain/StaffRole.cpp" line="+37"/>
        <source>Unknown staff role &quot;%1&quot;. Use one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manager</source>
        <comment>staff role</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Front desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auditor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Unknown permission &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Core::UsersModel</name>
    <message>
        <location filename="../core/models/UsersModel.cpp" line="+139"/>
        <source>Active</source>
        <extracomment>User account state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delinquent</source>
        <extracomment>User account state: behind on payments, access denied</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Suspended</source>
        <extracomment>User account state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Offline Key Expiration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Core::Weekdays</name>
    <message>
        <location filename="../core/domain/AccessWindow.cpp" line="-76"/>
        <source>every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no days</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui</name>
    <message>
        <location filename="../ui/startup/ServerAddress.cpp" line="+22"/>
        <source>Enter the server&apos;s address, e.g. https://keys.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not a web address (%2). Type it as https://host[:port].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; uses &quot;%2&quot;; a Keydesk server is reached over http or https.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; has no host name. Type it as https://host[:port].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; has a query or fragment; give only the server&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::ActivityChart</name>
    <message>
        <location filename="../ui/views/activity/ActivityChart.cpp" line="+146"/>
        <source>Unlocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No unlocks in the shown activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlocks per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unlocks per day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::ActivityCsv</name>
    <message>
        <location filename="../ui/views/activity/ActivityCsv.cpp" line="+52"/>
        <source>From (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not write the file (%1). Choose another place and try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::ActivityView</name>
    <message>
        <location filename="../ui/views/activity/ActivityView.cpp" line="+65"/>
        <source>All actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>to</source>
        <comment>date range</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>1 event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-75"/>
        <source>All locks</source>
        <extracomment>Placeholder of the activity view&apos;s lock filter</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock</source>
        <translation type="unfinished">Schloss</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All users</source>
        <extracomment>Placeholder of the activity view&apos;s user filter</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation type="unfinished">Benutzer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a user&apos;s name or tracking key to show only the activity of their phone</source>
        <translation>Namen oder Tracking-Schlüssel eines Benutzers eingeben, um nur die Aktivität seines Telefons zu zeigen</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>Could not open %1 for writing (%2). Choose another place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not save %1 (%2). Choose another place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+5"/>
        <source>Export activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-5"/>
        <source>activity.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::AuditView</name>
    <message>
        <location filename="../ui/views/audit/AuditView.cpp" line="+44"/>
        <source>system</source>
        <extracomment>Audit entry made by the server itself (no staff member)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Select an entry to see what it changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+74"/>
        <source>This entry is no longer in the local copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — %2 on %3 %4, %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No field changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::ConnectDialog</name>
    <message>
        <location filename="../ui/startup/ConnectDialog.cpp" line="+24"/>
        <source>Connect to a Keydesk server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>https://keys.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only for a server with its own (self-signed) certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remember me on this computer (system keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Server &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CA cer&amp;tificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Enter your staff user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The CA certificate file %1 does not exist; choose the server&apos;s CA file (PEM) or leave the field empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Signing in to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>CA certificate of the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::DashboardView</name>
    <message>
        <location filename="../ui/views/dashboard/DashboardView.cpp" line="+62"/>
        <source>Offline keys expiring today</source>
        <translation>Offline-Schlüssel, die heute ablaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <location line="+2"/>
        <source>Lock</source>
        <translation>Schloss</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys starting or ending today</source>
        <translation>Schlüssel, die heute beginnen oder enden</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Becomes</source>
        <translation>Wird</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>At</source>
        <translation>Um</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locks with a low battery</source>
        <translation>Schlösser mit schwacher Batterie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revocations on their way</source>
        <translation>Sperrungen unterwegs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>not yet effective</source>
        <translation>noch nicht wirksam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pending delivery to lock</source>
        <translation>wartet auf Zustellung ans Schloss</translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::DialogText</name>
    <message>
        <location filename="../ui/dialogs/DialogText.cpp" line="+18"/>
        <source>%1 and %2 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 keys</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::DirectoryPicker</name>
    <message>
        <location filename="../ui/widgets/DirectoryPicker.cpp" line="+91"/>
        <source>%1 — %2</source>
        <extracomment>A match in a picker&apos;s list: a name and what tells it apart (an e-mail address, a tracking key)</extracomment>
        <translation type="unfinished">%1 — %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No matches</source>
        <extracomment>The only line of a picker&apos;s list when nothing matches what was typed</extracomment>
        <translation>Keine Treffer</translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::ExplainAccessDialog</name>
    <message>
        <location filename="../ui/views/users/ExplainAccessDialog.cpp" line="+27"/>
        <source>Why can&apos;t %1 get in?</source>
        <extracomment>Dialog title: the access decision for a user at a lock, with reasons</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type the lock&apos;s name</source>
        <extracomment>Placeholder of the lock field of &quot;Why can&apos;t they get in?&quot;</extracomment>
        <translation>Namen des Schlosses eingeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At a given time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>When (%1):</source>
        <extracomment>The time the question is about, in the facility&apos;s time zone</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Explain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There are no locks to ask about.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Asking the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The server cannot be reached, so this cannot be answered now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server could not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the server knows the current state of the account, its keys and schedules. Try again when the connection is back.
(%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Access allowed at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Access denied at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing stands in the way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The server gave no reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::FacilityDirectory</name>
    <message>
        <location filename="../ui/views/FacilityDirectory.cpp" line="+516"/>
        <source>%1 (group)</source>
        <extracomment>A lock group in a list of locks</extracomment>
        <translation>%1 (Gruppe)</translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::FieldErrorLabel</name>
    <message>
        <location filename="../ui/widgets/FieldErrorLabel.cpp" line="+14"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::FirstRunDialog</name>
    <message>
        <location filename="../ui/startup/FirstRunDialog.cpp" line="+18"/>
        <source>Welcome to Keydesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How would you like to start?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Explore a demo facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A self-storage site with units, tenants, contractors, keys in every state and recent activity, kept on this computer. Nothing you do there reaches a real lock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start an empty &amp;facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your own facility on this computer, in this computer&apos;s time zone; add locks, users and keys yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Connect to a Keydesk server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in with your staff account to the server your company runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation type="unfinished">&amp;Beenden</translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::IssueQuickClickDialog</name>
    <message>
        <location filename="../ui/views/quickclicks/IssueQuickClickDialog.cpp" line="+26"/>
        <source>Issue a quick-click code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A quick-click code opens %1 with short (0) and long (1) presses of its button. It is pending until the next online unlock brings it to the lock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. 0110100111</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate a strong code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Code:</source>
        <comment>quick-click code</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uses:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Issue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::KeyDialog</name>
    <message>
        <location filename="../ui/dialogs/KeyDialog.cpp" line="+75"/>
        <source>New digital key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit digital key — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Duplicate digital key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Create key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Create copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Key</source>
        <translation type="unfinished">Schlüssel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. Plumber, kitchen refit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Opens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>User — opens the lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Admin — opens and manages the lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Don&apos;t notify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No&amp;tify user:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Access:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At any time (&amp;24/7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One t&amp;ime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On a weekly sc&amp;hedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Copy of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+129"/>
        <source>An existing key opens one lock. Keep one lock ticked, or duplicate the key for the other locks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This user has no email address. Notify by SMS, or choose not to notify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This user has no phone number. Notify by email, or choose not to notify.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::KeyEditFlow</name>
    <message>
        <location filename="../ui/views/keys/KeyEditFlow.cpp" line="+144"/>
        <source>The key is no longer in the local copy; it may have been removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::KeyLockPicker</name>
    <message>
        <location filename="../ui/dialogs/KeyLockPicker.cpp" line="+33"/>
        <source>Loc&amp;ks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock &amp;group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+2"/>
        <source>Filter locks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Locks the key opens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Lock group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There are no locks to choose from yet. Register a lock in the Locks view first, then create the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There are no single locks to choose from; choose a lock group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+42"/>
        <source>every lock in group %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+73"/>
        <source>This lock is not in the list of locks any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Only the first %n locks are listed: type more of a name to find the others.</source>
        <translation>
            <numerusform>Nur das erste Schloss wird gezeigt: mehr vom Namen eingeben, um die anderen zu finden.</numerusform>
            <numerusform>Nur die ersten %n Schlösser werden gezeigt: mehr vom Namen eingeben, um die anderen zu finden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::KeyStatusProxy</name>
    <message>
        <location filename="../ui/views/keys/KeyStatusProxy.cpp" line="+32"/>
        <source>%1 · not yet effective</source>
        <extracomment>A revocation queued on this desktop that the server has not confirmed: the key still opens the lock</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 · pending delivery to lock</source>
        <extracomment>The server revoked the key, but the lock has not received the revocation yet</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · delivered to lock</source>
        <extracomment>The lock has received the revocation</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The revocation is queued on this computer. The key keeps working until the server confirms it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoked on the server. Lock %1 receives it at its next online contact (a phone unlock or an offline-key download); until then offline keys issued today may still open it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::KeyText</name>
    <message>
        <location filename="../ui/dialogs/KeyText.cpp" line="+13"/>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+48"/>
        <source>window %1 (%2) does not happen on %3: the clocks skip it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>window %1 (%2) lasts %3 on %4 instead of %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Daylight saving time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>UPCOMING</source>
        <comment>key status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ACTIVE</source>
        <comment>key status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>EXPIRED</source>
        <comment>key status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>REVOKED</source>
        <comment>key status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(no time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(no lock chosen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 — revoked %2; it no longer opens %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 — this one-time key was used %2; it no longer opens %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — it ends %2, which is already past, so it would never open %3. Choose a later end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>from %1 until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from %1, with no end date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 — opens %2 at any time (24/7) %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — opens %2 once, %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no weekly windows yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — opens %2 %3 %4, %5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::KeyUserPicker</name>
    <message>
        <location filename="../ui/dialogs/KeyUserPicker.cpp" line="+48"/>
        <source>E&amp;xisting user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ne&amp;w user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>User</source>
        <translation type="unfinished">Benutzer</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="obsolete">%1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type a name, e-mail address or phone number</source>
        <extracomment>Placeholder of the key dialog&apos;s user field</extracomment>
        <translation>Namen, E-Mail-Adresse oder Telefonnummer eingeben</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>+49 30 1234567</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Full name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Enter the new user&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter an email address or a phone number, so the user can receive the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” is not an email address. Use the form name@example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” is not a phone number. Use digits, optionally starting with + and the country code, such as +49 30 1234567.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::KeysView</name>
    <message>
        <location filename="../ui/views/keys/KeysView.cpp" line="+58"/>
        <source>New digital key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duplicate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+184"/>
        <source>Revoke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-182"/>
        <source>Revoke every key of the user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoke every key on the lock…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+141"/>
        <source>Sorting %1…</source>
        <extracomment>Shown while a large keys table is being sorted in the background</extracomment>
        <translation>%1 werden sortiert…</translation>
    </message>
    <message numerus="yes">
        <location line="-76"/>
        <source>%n revocation(s) queued. Each key shows its state until the lock has it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upcoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All locks</source>
        <extracomment>Placeholder of the lock filter: no lock chosen shows the keys of every lock</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock or lock group</source>
        <translation>Schloss oder Schlossgruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a lock&apos;s or a lock group&apos;s name to show only its keys</source>
        <translation>Namen eines Schlosses oder einer Schlossgruppe eingeben, um nur deren Schlüssel zu zeigen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All users</source>
        <extracomment>Placeholder of the user filter: no user chosen shows the keys of every user</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation type="unfinished">Benutzer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a user&apos;s name, e-mail address or phone number to show only their keys</source>
        <translation>Namen, E-Mail-Adresse oder Telefonnummer eines Benutzers eingeben, um nur seine Schlüssel zu zeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Filtering %1…</source>
        <extracomment>Shown while a large keys table is being filtered in the background; %1: the keys shown until then</extracomment>
        <translation>%1 werden gefiltert…</translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>Revoke %n keys…</source>
        <extracomment>Revoke action for the selected keys</extracomment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Revoke every key of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoke every key on %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::LockDetails</name>
    <message>
        <location filename="../ui/views/locks/LockDetails.cpp" line="+61"/>
        <source>Revoke every key on this lock…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Digital keys</source>
        <translation type="unfinished">Digitale Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quick clicks</source>
        <translation type="unfinished">Quick-Clicks</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activity</source>
        <translation type="unfinished">Aktivität</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Select a lock to see its keys, quick clicks and activity.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::LockText</name>
    <message>
        <location filename="../ui/views/locks/LockFacts.cpp" line="+13"/>
        <source>1 quick click pending</source>
        <translation>1 Quick-Click ausstehend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 quick clicks pending</source>
        <translation>%1 Quick-Clicks ausstehend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>revocation pending delivery</source>
        <translation>Sperrung wartet auf Zustellung</translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::LocksTableModel</name>
    <message>
        <location filename="../ui/views/locks/LocksTableModel.cpp" line="+145"/>
        <source>Battery</source>
        <translation type="unfinished">Batterie</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Flags</source>
        <extracomment>Column of things waiting to reach the lock</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last activity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::LocksView</name>
    <message>
        <location filename="../ui/views/locks/LocksView.cpp" line="+64"/>
        <source>1 lock</source>
        <translation>1 Schloss</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 locks</source>
        <translation>%1 Schlösser</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1 (%2)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 — %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow/MainWindow.cpp" line="+46"/>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What needs attention today.</source>
        <translation>Was heute Aufmerksamkeit braucht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tenants, shared users and contractors, with their offline key expiration.</source>
        <translation>Mieter, Mitnutzer und Handwerker, mit dem Ablauf ihrer Offline-Schlüssel.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locks</source>
        <translation>Schlösser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Padlocks and door controllers, their battery and what is pending for them.</source>
        <translation>Vorhängeschlösser und Türsteuerungen, ihre Batterie und was für sie aussteht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Digital keys</source>
        <translation>Digitale Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every digital key: ACTIVE, UPCOMING, EXPIRED or REVOKED.</source>
        <translation>Alle digitalen Schlüssel: AKTIV, KOMMEND, ABGELAUFEN oder GESPERRT.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the locks reported.</source>
        <translation>Was die Schlösser gemeldet haben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quick clicks</source>
        <translation>Quick-Clicks</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Button codes per lock.</source>
        <translation>Tastencodes je Schloss.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every staff action: who, what, when.</source>
        <translation>Jede Aktion des Personals: wer, was, wann.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Keydesk</source>
        <translation>Keydesk</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search (Ctrl+F)</source>
        <translation>Suchen (Strg+F)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New digital key…</source>
        <translation>&amp;Neuer digitaler Schlüssel…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Connect to server…</source>
        <translation>Mit Server &amp;verbinden…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Actions</source>
        <translation>A&amp;ktionen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — %2 — Keydesk</source>
        <extracomment>Window title: facility — staff member (role) — application</extracomment>
        <translation>%1 — %2 — Keydesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2 (on this computer)</source>
        <translation>%1 · %2 (auf diesem Computer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2 (%3)</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The key was not saved: Keydesk is not connected to a facility server.</source>
        <translation>Der Schlüssel wurde nicht gespeichert: Keydesk ist mit keinem Anlagen-Server verbunden.</translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::OfflineBanner</name>
    <message>
        <location filename="../ui/status/OfflineBanner.cpp" line="+30"/>
        <source>Offline — %1 cannot be reached. You can still browse everything as it was last synced; changes you make are queued and sent when the connection returns. Keydesk keeps trying.</source>
        <translation>Offline — %1 ist nicht erreichbar. Sie können weiterhin alles so ansehen, wie es zuletzt synchronisiert wurde; Ihre Änderungen werden vorgemerkt und gesendet, sobald die Verbindung zurück ist. Keydesk versucht es weiter.</translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::QuickClicksTableModel</name>
    <message>
        <location filename="../ui/views/quickclicks/QuickClicksTableModel.cpp" line="+28"/>
        <source>Pending — not on the lock yet</source>
        <extracomment>Quick-click state: issued, waiting for the next online unlock</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Active</source>
        <extracomment>Quick-click state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoked — removal pending</source>
        <extracomment>Quick-click state: revoked, waiting for the next online unlock</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoked</source>
        <extracomment>Quick-click state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>unlimited</source>
        <extracomment>Quick-click uses</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>State</source>
        <comment>quick-click sync state</comment>
        <translation type="unfinished">Stand</translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::QuickClicksView</name>
    <message>
        <location filename="../ui/views/quickclicks/QuickClicksView.cpp" line="+46"/>
        <source>Issue a code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+127"/>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Lock:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+71"/>
        <source>%1 of %2 codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No lock selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This lock holds the most codes it can store; revoke one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Revoke quick-click code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke code %1 on %2? It keeps opening the lock until the next online unlock brings the removal to the lock.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::RejectionBanner</name>
    <message>
        <location filename="../ui/views/keys/RejectionBanner.cpp" line="+22"/>
        <source>“%1”</source>
        <extracomment>A name inside a sentence, e.g. the key “Unit 4”</extracomment>
        <translation>„%1“</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Dismiss all</source>
        <translation>Alle ausblenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove every refused change from this list (they stay undone)</source>
        <translation>Alle abgelehnten Änderungen aus dieser Liste entfernen (sie bleiben rückgängig gemacht)</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Revoking a key</source>
        <translation>Das Sperren eines Schlüssels</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoking the key %1</source>
        <translation>Das Sperren des Schlüssels %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Creating a key</source>
        <translation>Das Anlegen eines Schlüssels</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Creating the key %1</source>
        <translation>Das Anlegen des Schlüssels %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changing a key</source>
        <translation>Das Ändern eines Schlüssels</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changing the key %1</source>
        <translation>Das Ändern des Schlüssels %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Adding a user</source>
        <translation>Das Anlegen eines Benutzers</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Adding the user %1</source>
        <translation>Das Anlegen des Benutzers %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changing a user</source>
        <translation>Das Ändern eines Benutzers</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changing the user %1</source>
        <translation>Das Ändern des Benutzers %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forcing a new security check</source>
        <translation>Das Erzwingen einer neuen Sicherheitsprüfung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forcing a new security check for %1</source>
        <translation>Das Erzwingen einer neuen Sicherheitsprüfung für %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Issuing a quick click</source>
        <translation>Das Ausgeben eines Quick-Clicks</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoking a quick click</source>
        <translation>Das Sperren eines Quick-Clicks</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issuing quick click %1</source>
        <translation>Das Ausgeben des Quick-Clicks %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoking quick click %1</source>
        <translation>Das Sperren des Quick-Clicks %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Issuing quick click %1 on %2</source>
        <extracomment>&quot;Issuing quick click 4711 on B-104&quot;</extracomment>
        <translation>Das Ausgeben des Quick-Clicks %1 an %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoking quick click %1 on %2</source>
        <translation>Das Sperren des Quick-Clicks %1 an %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changing a staff member</source>
        <translation>Das Ändern eines Mitarbeiters</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changing the staff member %1</source>
        <translation>Das Ändern des Mitarbeiters %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 was refused by the server and undone here.</source>
        <extracomment>A change the server refused, without a reason given</extracomment>
        <translation>%1 wurde vom Server abgelehnt und hier rückgängig gemacht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 was refused by the server and undone here: %2</source>
        <extracomment>A change the server refused: &quot;&lt;what&gt; was refused by the server and undone here: &lt;reason&gt;&quot;</extracomment>
        <translation>%1 wurde vom Server abgelehnt und hier rückgängig gemacht: %2</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove from this list (the change stays undone)</source>
        <extracomment>Tooltip of a Dismiss button beside a refused change</extracomment>
        <translation>Aus dieser Liste entfernen (die Änderung bleibt rückgängig gemacht)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The server refused a change; it was undone on this computer.</source>
        <translation>Der Server hat eine Änderung abgelehnt; sie wurde auf diesem Computer rückgängig gemacht.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The server refused %n changes; they were undone on this computer.</source>
        <translation>
            <numerusform>Der Server hat %n Änderung abgelehnt; sie wurde auf diesem Computer rückgängig gemacht.</numerusform>
            <numerusform>Der Server hat %n Änderungen abgelehnt; sie wurden auf diesem Computer rückgängig gemacht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>… and %n more; dismiss these to see them.</source>
        <translation>
            <numerusform>… und %n weitere; blenden Sie diese aus, um sie zu sehen.</numerusform>
            <numerusform>… und %n weitere; blenden Sie diese aus, um sie zu sehen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::RevokeDialog</name>
    <message>
        <location filename="../ui/dialogs/RevokeDialog.cpp" line="+51"/>
        <source>Key</source>
        <translation type="unfinished">Schlüssel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lock</source>
        <translation type="unfinished">Schloss</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User</source>
        <translation type="unfinished">Benutzer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys to revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>e.g. contract ended, phone lost, tenant moved out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason for the revocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason (required):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Re&amp;voke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Give a reason: it is stored with the revocation and shown in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::RevokeFlow</name>
    <message>
        <location filename="../ui/views/keys/RevokeFlow.cpp" line="+83"/>
        <source>There are no keys to revoke.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::RevokeText</name>
    <message>
        <location filename="../ui/dialogs/RevokeText.cpp" line="+55"/>
        <source>Revoke this key?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoke the key “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoke %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoke every key of %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoke every key on %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 has no keys, so there is nothing to revoke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There are no keys on %1, so there is nothing to revoke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No key is selected, so there is nothing to revoke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 will no longer open %2 (key “%3”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>%1 will no longer open %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 more locks stop opening for their key holders (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 more people lose access too (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 will not get the access planned for %2 (%3 not started yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 key has already expired and opens nothing; it is marked revoked too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 keys have already expired and open nothing; they are marked revoked too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This key is already revoked; there is nothing left to revoke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These keys are already revoked; there is nothing left to revoke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 key is already revoked and stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 keys are already revoked and stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Offline keys already on phones stop working when the lock next receives the revocation (at its next online unlock), or at the end of the facility day at the latest.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::StatusBarWidget</name>
    <message>
        <location filename="../ui/status/StatusBarWidget.cpp" line="+20"/>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>↻ Syncing…</source>
        <translation>↻ Synchronisiere…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>○ Offline</source>
        <translation>○ Offline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚠ Error</source>
        <translation>⚠ Fehler</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>not synced yet</source>
        <translation>noch nicht synchronisiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>synced just now</source>
        <translation>gerade synchronisiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>synced %1 s ago</source>
        <translation>vor %1 s synchronisiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>synced %1 min ago</source>
        <translation>vor %1 min synchronisiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>synced %1 h ago</source>
        <translation>vor %1 h synchronisiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>synced on %1</source>
        <translation>synchronisiert am %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>1 lock</source>
        <translation>1 Schloss</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 locks</source>
        <translation>%1 Schlösser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 user</source>
        <translation>1 Benutzer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 users</source>
        <translation>%1 Benutzer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 active key</source>
        <translation>1 aktiver Schlüssel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 active keys</source>
        <translation>%1 aktive Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 low battery</source>
        <translation>1 schwache Batterie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 low batteries</source>
        <translation>%1 schwache Batterien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Digital keys in all states: %1</source>
        <translation>Digitale Schlüssel in allen Zuständen: %1</translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::UserDetailsPanel</name>
    <message>
        <location filename="../ui/views/users/UserDetailsPanel.cpp" line="+69"/>
        <source>Digital keys</source>
        <translation type="unfinished">Digitale Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key</source>
        <translation type="unfinished">Schlüssel</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <location line="+3"/>
        <source>Lock</source>
        <translation type="unfinished">Schloss</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline keys per lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recent activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No user selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delinquent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tracking key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <translation type="unfinished">%1: %2</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Valid until %1</source>
        <extracomment>Offline key still valid until the instant</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invalidated</source>
        <extracomment>Offline key invalidated by a security check, revocation or account change</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>between %1 and %2</source>
        <extracomment>An event whose exact time is unknown: between two instants</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::UsersView</name>
    <message>
        <location filename="../ui/views/users/UsersView.cpp" line="+52"/>
        <source>All users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delinquent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Expired offline keys</source>
        <extracomment>Quick filter: users whose offline keys have all expired</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show only users whose offline keys have expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Force new security check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invalidate the user&apos;s offline keys: their phone must pass a fresh access check online before it opens a lock again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why can&apos;t they get in?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoke every key of this user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+54"/>
        <location line="+47"/>
        <location line="+16"/>
        <source>%n user(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-57"/>
        <source>%n revocation(s) queued. The keys view shows each one&apos;s state until the lock has it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+92"/>
        <source>New security check forced for %1: their offline keys stop working and their phone must pass an access check online to get new ones.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::ValidityEditor</name>
    <message>
        <location filename="../ui/widgets/ValidityEditor.cpp" line="+79"/>
        <source>&amp;Starts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Ends:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;No end date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Dates and times are facility time, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+70"/>
        <source>%1 does not exist on %2 in %3: the clocks go forward that night. Keydesk uses %4 instead (the same moment on a clock that was not set forward).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 happens twice on %2 in %3: the clocks go back that night. Keydesk uses the first one (%4, before the clocks go back).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::WindowRow</name>
    <message>
        <location filename="../ui/widgets/WindowRow.cpp" line="+66"/>
        <source>Window starts at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window ends at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(ends next day)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The end is not after the start, so the window runs past midnight into the next day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Remove window %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keydesk::Ui::WindowsEditor</name>
    <message>
        <location filename="../ui/widgets/WindowsEditor.cpp" line="+25"/>
        <source>Each window opens on its days, from its start to its end time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+146"/>
        <location line="+1"/>
        <source>Overlaps window %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No windows yet. Add one with &quot;Add window&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opens %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MacAddress</name>
    <message>
        <location filename="../core/domain/MacAddress.cpp" line="+24"/>
        <source>&quot;%1&quot; is not a MAC address. Write six pairs of hex digits, for example AA:BB:CC:DD:EE:FF, AA-BB-CC-DD-EE-FF or aabbccddeeff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+49"/>
        <source>A MAC address has 6 bytes, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../core/cache/CacheSqlError.h" line="+15"/>
        <source>The local cache failed to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cache/CacheDatabase.cpp" line="+204"/>
        <source>cannot read the schema version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The local cache %1 was written by a newer Keydesk (schema %2, this one knows %3). Update Keydesk, or remove the cache file to rebuild it from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Cannot create the folder %1 for the local cache; check its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot open the local cache %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The local cache %1 is damaged and cannot be moved aside to %2; move or remove it by hand, then start Keydesk again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The local cache %1 was damaged (kept as %2) and a new one cannot be created: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+117"/>
        <location line="+14"/>
        <location line="+14"/>
        <source>unknown entity %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cache/CacheFeed.cpp" line="+33"/>
        <source>The server&apos;s change feed is not in the expected format (%1); the server and this Keydesk may be different versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The local cache failed to prepare its writes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+66"/>
        <source>The local cache failed to write a %1 row: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cache/FeedScanner.cpp" line="+71"/>
        <source>expected &apos;%1&apos; at byte %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expected a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+15"/>
        <source>a control character inside a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+74"/>
        <source>a string does not end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-18"/>
        <source>a bad \u escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a bad surrogate pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a bad escape in a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+8"/>
        <location line="+11"/>
        <source>a bad number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the body ends early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nested too deeply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>an unknown word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>an empty change row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a row&apos;s entity is not a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a row&apos;s id is not a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a row&apos;s revision is not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a row&apos;s deleted flag is not a boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a row&apos;s data is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>a row without entity, id or revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a row without data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>not JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>text after the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no &quot;changes&quot; array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+21"/>
        <source>no &quot;next_revision&quot; number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cache/CacheOutbox.cpp" line="+147"/>
        <source>Cannot queue a change to &quot;%1&quot;: the cache does not hold that kind of object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A queued change needs an object id and a path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+120"/>
        <source>No queued change %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+152"/>
        <source>Not sent: it needed a change the server refused (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cache/CacheFeed.cpp" line="+56"/>
        <location filename="../core/cache/CacheStore.h" line="+103"/>
        <source>The local cache is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/client/ApiError.cpp" line="+102"/>
        <source>The secure connection to the Keydesk server at %1 was refused: %2. If your facility uses its own certificate authority, choose its CA file in the connection settings; do not connect to a server you cannot verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The Keydesk server at %1 did not answer within %2 seconds. The network may be slow or the server overloaded; Keydesk will try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot reach the Keydesk server at %1 (%2). Check the server address and your network; your changes are kept and sent when the server is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The request to the Keydesk server at %1 failed: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The request was refused as a duplicate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the input; check the values and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrong user name or password; check both and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your session has ended; log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your role does not allow this; ask an owner or admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The object no longer exists on the server; it may have been deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The change clashes with the current data on the server; refresh and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Too many requests; wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The Keydesk server at %1 failed (HTTP %2) and changed nothing; Keydesk will try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The Keydesk server at %1 answered HTTP %2, which this version of Keydesk does not understand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/models/KeyTable.cpp" line="+124"/>
        <source>The keys view could not read the local cache (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+614"/>
        <source>unknown party entity %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sync/SyncEngine.cpp" line="+61"/>
        <source>The local cache failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/FacilityDirectory.cpp" line="-406"/>
        <source>The facility&apos;s %1 could not be read from the local cache: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
