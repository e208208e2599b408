/**
 * ISO 3166-1 alpha-2 and alpha-3 codes of the 249 officially assigned countries, as pairs
 * "AAaaa". The same list as @faker-js/faker's location data (checked in country.test.ts);
 * kept here so normalisation does not load a data generator.
 */
const PAIRS =
  'ADAND AEARE AFAFG AGATG AIAIA ALALB AMARM AOAGO AQATA ARARG ASASM ATAUT AUAUS AWABW AXALA AZAZE BABI' +
  'H BBBRB BDBGD BEBEL BFBFA BGBGR BHBHR BIBDI BJBEN BLBLM BMBMU BNBRN BOBOL BQBES BRBRA BSBHS BTBTN BV' +
  'BVT BWBWA BYBLR BZBLZ CACAN CCCCK CDCOD CFCAF CGCOG CHCHE CICIV CKCOK CLCHL CMCMR CNCHN COCOL CRCRI ' +
  'CUCUB CVCPV CWCUW CXCXR CYCYP CZCZE DEDEU DJDJI DKDNK DMDMA DODOM DZDZA ECECU EEEST EGEGY EHESH ERER' +
  'I ESESP ETETH FIFIN FJFJI FKFLK FMFSM FOFRO FRFRA GAGAB GBGBR GDGRD GEGEO GFGUF GGGGY GHGHA GIGIB GL' +
  'GRL GMGMB GNGIN GPGLP GQGNQ GRGRC GSSGS GTGTM GUGUM GWGNB GYGUY HKHKG HMHMD HNHND HRHRV HTHTI HUHUN ' +
  'IDIDN IEIRL ILISR IMIMN ININD IOIOT IQIRQ IRIRN ISISL ITITA JEJEY JMJAM JOJOR JPJPN KEKEN KGKGZ KHKH' +
  'M KIKIR KMCOM KNKNA KPPRK KRKOR KWKWT KYCYM KZKAZ LALAO LBLBN LCLCA LILIE LKLKA LRLBR LSLSO LTLTU LU' +
  'LUX LVLVA LYLBY MAMAR MCMCO MDMDA MEMNE MFMAF MGMDG MHMHL MKMKD MLMLI MMMMR MNMNG MOMAC MPMNP MQMTQ ' +
  'MRMRT MSMSR MTMLT MUMUS MVMDV MWMWI MXMEX MYMYS MZMOZ NANAM NCNCL NENER NFNFK NGNGA NINIC NLNLD NONO' +
  'R NPNPL NRNRU NUNIU NZNZL OMOMN PAPAN PEPER PFPYF PGPNG PHPHL PKPAK PLPOL PMSPM PNPCN PRPRI PSPSE PT' +
  'PRT PWPLW PYPRY QAQAT REREU ROROU RSSRB RURUS RWRWA SASAU SBSLB SCSYC SDSDN SESWE SGSGP SHSHN SISVN ' +
  'SJSJM SKSVK SLSLE SMSMR SNSEN SOSOM SRSUR SSSSD STSTP SVSLV SXSXM SYSYR SZSWZ TCTCA TDTCD TFATF TGTG' +
  'O THTHA TJTJK TKTKL TLTLS TMTKM TNTUN TOTON TRTUR TTTTO TVTUV TWTWN TZTZA UAUKR UGUGA UMUMI USUSA UY' +
  'URY UZUZB VAVAT VCVCT VEVEN VGVGB VIVIR VNVNM VUVUT WFWLF WSWSM YEYEM YTMYT ZAZAF ZMZMB ZWZWE';

export const ALPHA3_TO_ALPHA2: ReadonlyMap<string, string> = new Map(
  PAIRS.split(' ').map((p): [string, string] => [p.slice(2), p.slice(0, 2)]),
);

export const ALPHA2_CODES: readonly string[] = [...ALPHA3_TO_ALPHA2.values()];

// biome-ignore format: a table
/**
 * Names Intl.DisplayNames does not give in any of our five languages: short forms, older
 * official names, endonyms of neighbours, and the constituent countries of the UK.
 */
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  uk: 'GB', 'great britain': 'GB', britain: 'GB', 'gran bretagna': 'GB', 'grande bretagne': 'GB',
  'gran bretana': 'GB', grossbritannien: 'GB', england: 'GB', scotland: 'GB', wales: 'GB',
  'northern ireland': 'GB', inghilterra: 'GB', angleterre: 'GB', inglaterra: 'GB',
  'united kingdom of great britain and northern ireland': 'GB', 'u k': 'GB',
  usa: 'US', 'u s a': 'US', 'u s': 'US', america: 'US', 'united states of america': 'US',
  'stati uniti d america': 'US', 'etats unis d amerique': 'US', 'estados unidos de america': 'US',
  'vereinigte staaten von amerika': 'US', eeuu: 'US', 'ee uu': 'US',
  holland: 'NL', olanda: 'NL', hollande: 'NL', holanda: 'NL', nederland: 'NL', 'the netherlands': 'NL',
  belgie: 'BE', belgique: 'BE', schweiz: 'CH', suisse: 'CH', svizzera: 'CH', helvetia: 'CH',
  osterreich: 'AT', oesterreich: 'AT', polska: 'PL', sverige: 'SE', danmark: 'DK', norge: 'NO',
  suomi: 'FI', hellas: 'GR', ellada: 'GR', hrvatska: 'HR', magyarorszag: 'HU', eire: 'IE',
  'czech republic': 'CZ', 'repubblica ceca': 'CZ', 'republique tcheque': 'CZ', 'republica checa': 'CZ',
  'tschechische republik': 'CZ', cesko: 'CZ', slovensko: 'SK', russia: 'RU', 'russian federation': 'RU',
  'south korea': 'KR', 'republic of korea': 'KR', 'korea republic of': 'KR', 'north korea': 'KP',
  'ivory coast': 'CI', 'costa d avorio': 'CI', 'vatican': 'VA', 'holy see': 'VA', 'vaticano': 'VA',
  'san marino': 'SM', macedonia: 'MK', burma: 'MM', persia: 'IR', turkey: 'TR', turchia: 'TR',
  turquie: 'TR', turquia: 'TR', turkei: 'TR', 'viet nam': 'VN', 'republic of ireland': 'IE',
  'people s republic of china': 'CN', prc: 'CN', 'hong kong sar': 'HK', 'uae': 'AE', emirates: 'AE',
  'emirati arabi uniti': 'AE', 'emirats arabes unis': 'AE', 'emiratos arabes unidos': 'AE',
  'vereinigte arabische emirate': 'AE',
};
