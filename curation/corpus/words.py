"""Word lists for the synthetic corpus: enough of each language that generated text tokenises, stems
and searches like the real thing (Cyrillic, accented Latin, Chinese characters), without any network.

Words are listed roughly by frequency; curation.corpus.synth draws them with Zipf-like weights, so the
first words of each list are common in the corpus and the last ones rare, as in real prose.
"""

WORDS: dict[str, str] = {
    "en": """
        the of and to in a that for was on with as by at from this be is it not which are has have
        were government soviet delegation minister comrade question party meeting agreement position
        discussion committee central foreign affairs military nuclear treaty conference ambassador
        embassy secretary general policy relations cooperation economic political socialist countries
        people union states united republic leadership situation proposal decision security council
        report information telegram memorandum conversation visit talks negotiations declaration
        weapons missile testing forces troops border territory alliance defence warsaw pact western
        eastern europe germany berlin china poland hungary czechoslovakia cuba vietnam korea yugoslavia
        moscow washington london paris peking beijing bonn prague budapest belgrade havana hanoi
        chairman premier president congress plenum presidium bureau directive instruction resolution
        support assistance credit trade grain oil industry production plan five-year reform crisis
        peace war revolution imperialism capitalism communism progress development workers peasants
        intelligentsia press radio propaganda ideological struggle unity fraternal friendship mutual
        respect sovereignty independence interference aggression disarmament inspection verification
        reactor uranium warhead satellite rocket launch submarine bomber aircraft airfield harbour
        shipment delivery equipment specialists advisers training academy university scientific
        research institute archive document copy original translation declassified secret top
        confidential urgent immediately personally received sent replied stated emphasised noted
        informed requested agreed rejected expressed concern hope confidence regret satisfaction
        understanding difficult important necessary possible serious significant complete full
        present future past current previous following next last first second third new old great
        small large long short early late high low strong weak open closed public private official
        personal direct indirect clear certain further additional special general main principal
        samizdat nomenklatura rapprochement detente brinkmanship ostpolitik glasnost perestroika
        politburo apparatchik cominform comintern stavka gosplan kolkhoz sovkhoz
    """,
    "ru": """
        и в не на что с по как это к о из за от для его но так же все они мы то он бы было
        товарищ правительство советский делегация министр вопрос партия заседание соглашение
        позиция обсуждение комитет центральный иностранных дел военный ядерный договор конференция
        посол посольство секретарь генеральный политика отношения сотрудничество экономический
        политический социалистических стран народ союз республика руководство положение предложение
        решение безопасности совет доклад информация телеграмма записка беседа визит переговоры
        заявление оружие ракета испытание войска граница территория союзник оборона варшавский
        договора западной восточной европы германии берлин китай польша венгрия чехословакия куба
        вьетнам корея югославия москва вашингтон лондон париж пекин председатель премьер президент
        съезд пленум президиум бюро директива указание постановление поддержка помощь кредит торговля
        зерно нефть промышленность производство план пятилетний реформа кризис мир война революция
        империализм капитализм коммунизм прогресс развитие рабочих крестьян интеллигенция печать
        радио пропаганда идеологическая борьба единство братской дружбы взаимного уважения суверенитет
        независимость вмешательство агрессия разоружение инспекция контроль реактор уран боеголовка
        спутник запуск подводная лодка самолёт аэродром порт поставка оборудование специалисты
        советники подготовка академия университет научный исследовательский институт архив документ
        копия подлинник перевод рассекречено секретно совершенно лично срочно получено направлено
        ответил заявил подчеркнул отметил сообщил просил согласился отклонил выразил озабоченность
        надежду уверенность сожаление удовлетворение понимание трудный важный необходимый возможный
        серьёзный значительный полный настоящее будущее прошлое текущий предыдущий следующий
        последний первый второй третий новый старый великий малый большой долгий короткий ранний
        поздний высокий низкий сильный слабый открытый закрытый официальный личный прямой ясный
        самиздат номенклатура разрядка оттепель гласность перестройка политбюро аппаратчик госплан
        колхоз совхоз коминформ коминтерн ставка
    """,
    "uk": """
        і в не на що з по як це до про від для його але так же всі вони ми то він було
        товариш уряд радянський делегація міністр питання партія засідання угода позиція
        обговорення комітет центральний закордонних справ військовий ядерний договір конференція
        посол посольство секретар генеральний політика відносини співробітництво економічний
        політичний соціалістичних країн народ союз республіка керівництво становище пропозиція
        рішення безпеки рада доповідь інформація телеграма записка бесіда візит переговори заява
        зброя ракета випробування війська кордон територія оборона київ львів харків одеса москва
        голова президія бюро директива постанова підтримка допомога торгівля зерно промисловість
        виробництво план реформа криза мир війна революція розвиток робітників селян інтелігенція
        преса радіо пропаганда боротьба єдність дружби суверенітет незалежність втручання архів
        документ копія переклад розсекречено таємно цілком особисто терміново отримано надіслано
        відповів заявив підкреслив зазначив повідомив просив погодився відхилив висловив
        стурбованість надію впевненість важливий необхідний можливий серйозний повний перший
        другий третій новий старий великий малий високий сильний відкритий закритий офіційний
        самвидав шістдесятники відлига голодомор
    """,
    "de": """
        der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an
        werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so
        Regierung Delegation Minister Genosse Frage Partei Sitzung Abkommen Standpunkt Aussprache
        Komitee Zentralkomitee Auswärtigen Angelegenheiten militärisch Vertrag Konferenz Botschafter
        Botschaft Sekretär Politik Beziehungen Zusammenarbeit wirtschaftlich politisch sozialistisch
        Länder Volk Union Republik Führung Lage Vorschlag Entscheidung Sicherheit Bericht Telegramm
        Vermerk Gespräch Besuch Verhandlungen Erklärung Waffen Rakete Truppen Grenze Gebiet Bündnis
        Verteidigung Warschauer Vertrages Westdeutschland Bundesrepublik Berlin Mauer Bonn Moskau
        Vorsitzender Ministerpräsident Staatsrat Politbüro Plenum Beschluss Unterstützung Hilfe
        Kredit Handel Getreide Erdöl Industrie Produktion Plan Reform Krise Frieden Krieg Revolution
        Imperialismus Kapitalismus Kommunismus Fortschritt Entwicklung Arbeiter Bauern Presse
        Rundfunk Propaganda Kampf Einheit Freundschaft Souveränität Unabhängigkeit Einmischung
        Abrüstung Kontrolle Archiv Dokument Abschrift Übersetzung geheim streng vertraulich dringend
        persönlich erhalten gesandt antwortete erklärte betonte stellte fest teilte mit bat stimmte
        lehnte ab äußerte Besorgnis Hoffnung Vertrauen wichtig notwendig möglich ernst bedeutend
        vollständig erste zweite dritte neue alte große kleine lange kurze hohe starke offene
        Ostpolitik Entspannung Staatssicherheit Mauerbau Volkskammer
    """,
    "fr": """
        le la les de des du et à en un une que qui dans pour par sur au aux est il ne pas se ce
        avec plus son sa ses nous vous ils été être a ont
        gouvernement délégation ministre camarade question parti réunion accord position discussion
        comité central affaires étrangères militaire nucléaire traité conférence ambassadeur
        ambassade secrétaire général politique relations coopération économique socialiste pays
        peuple union république direction situation proposition décision sécurité conseil rapport
        télégramme note entretien visite négociations déclaration armes missile essai troupes
        frontière territoire alliance défense Europe occidentale orientale Allemagne Berlin Chine
        Pologne Hongrie Algérie Indochine Paris Moscou Washington président premier congrès bureau
        directive résolution soutien aide crédit commerce pétrole industrie production plan réforme
        crise paix guerre révolution impérialisme capitalisme communisme progrès développement
        ouvriers paysans presse radio propagande lutte unité amitié souveraineté indépendance
        ingérence désarmement contrôle archives document copie original traduction secret
        confidentiel urgent personnellement reçu envoyé répondu déclaré souligné noté informé demandé
        accepté rejeté exprimé inquiétude espoir confiance regret satisfaction important nécessaire
        possible grave complet premier deuxième troisième nouveau ancien grand petit long court
        détente rapprochement décolonisation
    """,
    "es": """
        el la los las de del y a en un una que por con para es su se no al lo como más pero sus
        le ya o este sí porque esta entre cuando muy sin sobre también
        gobierno delegación ministro compañero cuestión partido reunión acuerdo posición discusión
        comité central asuntos exteriores militar nuclear tratado conferencia embajador embajada
        secretario general política relaciones cooperación económica socialista países pueblo unión
        república dirección situación propuesta decisión seguridad consejo informe telegrama
        memorándum conversación visita negociaciones declaración armas misil prueba tropas frontera
        territorio alianza defensa Cuba Habana Moscú Washington México Chile Nicaragua Angola
        presidente primer congreso buró directiva resolución apoyo ayuda crédito comercio azúcar
        petróleo industria producción plan reforma crisis paz guerra revolución imperialismo
        capitalismo comunismo progreso desarrollo obreros campesinos prensa radio propaganda lucha
        unidad amistad soberanía independencia injerencia desarme control archivo documento copia
        original traducción secreto confidencial urgente personalmente recibido enviado respondió
        declaró subrayó señaló informó solicitó aceptó rechazó expresó preocupación esperanza
        confianza importante necesario posible grave completo primero segundo tercero nuevo viejo
        grande pequeño largo corto guerrilla zafra
    """,
    "zh": """
        的 一 是 在 不 了 有 和 人 这 中 大 为 上 个 国 我 以 要 他 时 来 用 们
        政府 代表团 部长 同志 问题 党 会议 协定 立场 讨论 委员会 中央 外交部 军事 核 条约
        大使 大使馆 书记 政策 关系 合作 经济 政治 社会主义 国家 人民 苏联 共和国 领导 形势
        建议 决定 安全 报告 电报 备忘录 谈话 访问 谈判 声明 武器 导弹 试验 部队 边界 领土
        联盟 国防 北京 莫斯科 上海 主席 总理 总统 代表大会 全会 政治局 指示 决议 支持 援助
        贷款 贸易 粮食 石油 工业 生产 计划 改革 危机 和平 战争 革命 帝国主义 资本主义 共产主义
        进步 发展 工人 农民 报纸 广播 宣传 斗争 团结 友谊 主权 独立 干涉 侵略 裁军 档案
        文件 副本 原件 翻译 解密 秘密 绝密 紧急 亲自 收到 发出 答复 指出 强调 表示 同意 拒绝
        关切 希望 信心 重要 必要 可能 严重 第一 第二 新 老 大 小 长 短 高 低 强
        修正主义 大跃进 文化大革命 整风
    """,
}

# Languages whose words are written without spaces between them.
UNSPACED = frozenset({"zh"})

FIRST_NAMES = """
    Nikita Leonid Yuri Andrei Mikhail Anastas Vyacheslav Georgy Aleksei Boris Nikolai Dmitri Sergei
    Ivan Pyotr Vladimir Konstantin Rodion Ekaterina Valentina Nina Walter Erich Willy Helmut Konrad
    Egon Markus Wladyslaw Edward Janos Imre Gustav Alexander Josip Enver Todor Nicolae Mao Zhou Liu
    Deng Kim Ho Fidel Raul Ernesto Che John Dean Robert Lyndon Richard Henry Zbigniew Jimmy Ronald
    George Charles Harold Margaret Anthony Pierre Maurice Georges Indira Jawaharlal Gamal Ahmed
    Sukarno Kwame Patrice Salvador Olof Bruno Urho Tito Averell Llewellyn Foy Jacques Hans Otto
""".split()  # noqa: SIM905

LAST_NAMES = """
    Khrushchev Brezhnev Andropov Gromyko Mikoyan Molotov Malenkov Kosygin Suslov Ponomarev Zorin
    Dobrynin Semichastny Shelepin Malinovsky Furtseva Tereshkova Ulbricht Honecker Brandt Schmidt
    Adenauer Krenz Wolf Gomulka Gierek Kadar Nagy Husak Dubcek Tito Hoxha Zhivkov Ceausescu Zedong
    Enlai Shaoqi Xiaoping Il-sung Chi-Minh Castro Guevara Kennedy Rusk McNamara Johnson Nixon
    Kissinger Brzezinski Carter Reagan Shultz Gaulle Couve Pompidou Gandhi Nehru Nasser Ben-Bella
    Sukarno Nkrumah Lumumba Allende Palme Kreisky Kekkonen Harriman Thompson Kohler Beam Stoessel
    Schlesinger Bundy Sorensen Penkovsky Abel Powers Gorbachev Shevardnadze Yakovlev Chernyaev
""".split()  # noqa: SIM905

PLACE_NAMES = {
    "Soviet Union": ["Moscow", "Leningrad", "Kiev", "Minsk", "Tbilisi", "Tashkent", "Baku", "Riga"],
    "United States": ["Washington", "New York", "Camp David", "San Francisco", "Glassboro"],
    "German Democratic Republic": ["Berlin", "Leipzig", "Dresden", "Rostock"],
    "Federal Republic of Germany": ["Bonn", "Hamburg", "Munich", "Frankfurt"],
    "China": ["Beijing", "Shanghai", "Wuhan", "Lushan", "Guangzhou"],
    "Poland": ["Warsaw", "Gdansk", "Krakow"],
    "Hungary": ["Budapest", "Debrecen"],
    "Czechoslovakia": ["Prague", "Bratislava", "Brno"],
    "Yugoslavia": ["Belgrade", "Zagreb", "Brioni"],
    "Cuba": ["Havana", "Santiago de Cuba", "Bay of Pigs"],
    "Vietnam": ["Hanoi", "Saigon", "Haiphong"],
    "Korea": ["Pyongyang", "Seoul", "Panmunjom"],
    "France": ["Paris", "Marseille", "Strasbourg"],
    "United Kingdom": ["London", "Manchester"],
    "India": ["New Delhi", "Bombay", "Tashkent Conference Hall"],
    "Egypt": ["Cairo", "Aswan", "Suez"],
    "Finland": ["Helsinki"],
    "Austria": ["Vienna"],
    "Switzerland": ["Geneva"],
    "Romania": ["Bucharest"],
    "Bulgaria": ["Sofia"],
    "Albania": ["Tirana"],
    "Mongolia": ["Ulaanbaatar"],
    "Japan": ["Tokyo"],
    "Chile": ["Santiago"],
    "Angola": ["Luanda"],
}

SUBJECT_HEADINGS = """
    Nuclear weapons|Nuclear weapons--Testing|Nuclear weapons--Testing--Soviet Union|Arms control
    Disarmament|Missiles|Cuban Missile Crisis, 1962|Berlin Crisis, 1958-1962|Berlin Wall
    Sino-Soviet split|Warsaw Pact|NATO|Détente|Diplomacy|Cold War|Cold War--Diplomacy
    Economic assistance|Military assistance|Trade|Grain trade|Oil industry|Space race|Espionage
    Intelligence services|Propaganda|Decolonization|Korean War, 1950-1953|Vietnam War, 1961-1975
    Hungarian Revolution, 1956|Prague Spring, 1968|Solidarity (Polish trade union)|Human rights
    Helsinki Final Act, 1975|Dissidents|Censorship|Agriculture|Collectivization|Famines
    Refugees|Borders|Territorial disputes|Summit meetings|Communist parties|Socialism
    Religion|Education|Science|Energy|Naval forces|Air forces|Civil defense|Radio broadcasting
""".replace("\n", "|")

COLLECTION_TITLES = """
    Cuban Missile Crisis|Sino-Soviet Relations|Berlin Crisis|Nuclear History|Korean War
    Vietnam War|Hungarian Revolution of 1956|Prague Spring|Détente|End of the Cold War
    Soviet Foreign Policy|East German Foreign Policy|Chinese Foreign Policy|Warsaw Pact
    Intelligence Operations|Arms Control|Human Rights|Decolonization|Cold War in the Middle East
    Cold War in Africa|Cold War in Latin America|Polish Crises|Yugoslavia and the Cold War
    Space Race|Economic Relations|Soviet Domestic Politics|Leadership Transitions|Mongolia
    Japan and the Cold War|Korean Peninsula|Nonproliferation|Helsinki Process|Afghanistan
    Cuba and Africa|Albania|Romania's Independent Line|Austrian Neutrality|Finland
""".replace("\n", "|")

REPOSITORIES = [
    ("Russian State Archive of Contemporary History", "RGANI", "Moscow"),
    ("Archive of Foreign Policy of the Russian Federation", "AVPRF", "Moscow"),
    ("Russian State Archive of Socio-Political History", "RGASPI", "Moscow"),
    ("State Archive of the Russian Federation", "GARF", "Moscow"),
    ("Political Archive of the Federal Foreign Office", "PA AA", "Berlin"),
    ("Federal Archives, Foundation Archives of Parties and Mass Organisations", "SAPMO-BArch", "Berlin"),
    ("Archive of Modern Records", "AAN", "Warsaw"),
    ("Hungarian National Archives", "MNL OL", "Budapest"),
    ("National Archives of the Czech Republic", "NA", "Prague"),
    ("Archives of Yugoslavia", "AJ", "Belgrade"),
    ("Foreign Ministry Archive of the People's Republic of China", "PRCFMA", "Beijing"),
    ("Central State Archives of Supreme Bodies of Power of Ukraine", "TsDAVO", "Kyiv"),
    ("Sectoral State Archive of the Security Service of Ukraine", "HDA SBU", "Kyiv"),
    ("National Archives and Records Administration", "NARA", "College Park"),
    ("John F. Kennedy Presidential Library", "JFKL", "Boston"),
    ("The National Archives of the United Kingdom", "TNA", "Kew"),
    ("Archives of the French Ministry of Foreign Affairs", "MAE", "La Courneuve"),
    ("Cuban Institute of History", "IHC", "Havana"),
    ("Romanian National Archives", "ANIC", "Bucharest"),
    ("Central State Archive of Bulgaria", "TsDA", "Sofia"),
]

DONORS = """
    Carnegie Corporation of New York|John D. and Catherine T. MacArthur Foundation|Henry Luce Foundation
    Korea Foundation|Ford Foundation|Leon Levy Foundation|Smith Richardson Foundation
    Hunt Family Foundation|Japan Foundation|Gerda Henkel Foundation|Open Society Foundations
""".replace("\n", "|")

# Syllables the rare words of each language are made of (see curation.corpus.synth._tail).
_LATIN = "ba be bi bo da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to va ve vi vo za ze zi zo tra ste gor lin mar ven"
_CYRILLIC = "ба бе би бо да де ди до ка ке ки ко ла ле ли ло ма ме ми мо на не ни но ра ре ри ро са се си со та те ти то ва ве ви во за зе зи зо тра сте гор лин мар вен"
TAIL_SYLLABLES: dict[str, list[str]] = {
    "en": _LATIN.split(),
    "de": _LATIN.split(),
    "fr": _LATIN.split(),
    "es": _LATIN.split(),
    "ru": _CYRILLIC.split(),
    "uk": _CYRILLIC.replace("ы", "и").split(),
    # Chinese rare "words" are uncommon pairs of the listed characters.
    "zh": sorted({character for word in WORDS["zh"].split() for character in word}),
}
